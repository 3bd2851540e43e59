package org.snn4j.cli;

import java.util.Iterator;
import org.snn4j.registry.Registry;

/**
 * The names of a registry as picocli's completion candidates, so that an option's help text lists
 * them (${COMPLETION-CANDIDATES}) from the registry itself. Subclasses name the registry.
 */
abstract class Names implements Iterable<String> {
    private final Registry<?> registry;

    Names(Registry<?> registry) {
        this.registry = registry;
    }

    @Override
    public Iterator<String> iterator() {
        return registry.names().iterator();
    }
}
