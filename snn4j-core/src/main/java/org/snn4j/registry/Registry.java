package org.snn4j.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names of one kind of choice (schedules, energy profiles, surrogates, losses, datasets, ...)
 * and what each stands for: the one place where a name is mapped to its value, used by the library,
 * by every command that takes the choice and by the help texts that list the names. Aliases are
 * accepted but not listed. Immutable.
 *
 * @param <T> what a name stands for (null is allowed, for "none", such as the synchronous schedule)
 */
public final class Registry<T> {
    private final String kind;
    private final Map<String, T> values;
    private final List<String> listed;

    private Registry(String kind, Map<String, T> values, List<String> listed) {
        this.kind = kind;
        this.values = values;
        this.listed = listed;
    }

    /** Starts a registry of the given kind ("schedule", "energy profile"), named in its error messages. */
    public static <T> Builder<T> of(String kind) {
        return new Builder<>(kind);
    }

    /** Whether {@code name} is a name or an alias here. */
    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /**
     * The value of {@code name}; an unknown name fails with the names there are
     * ({@code schedule 'x': expected synchronous, fifo, random or momentum}).
     */
    public T get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException(kind + " '" + name + "': expected " + listing());
        }
        return values.get(name);
    }

    /** The names, in their order (aliases left out). */
    public List<String> names() {
        return listed;
    }

    /** The names as a sentence: "a, b or c". */
    public String listing() {
        if (listed.size() == 1) {
            return listed.get(0);
        }
        return String.join(", ", listed.subList(0, listed.size() - 1)) + " or " + listed.get(listed.size() - 1);
    }

    /** The first name of a value (its canonical name), or null. */
    public String nameOf(T value) {
        for (String name : listed) {
            if (java.util.Objects.equals(values.get(name), value)) {
                return name;
            }
        }
        return null;
    }

    /** Adds names in order; {@link #build} freezes them. */
    public static final class Builder<T> {
        private final String kind;
        private final Map<String, T> values = new LinkedHashMap<>();
        private final List<String> listed = new ArrayList<>();

        private Builder(String kind) {
            this.kind = kind;
        }

        public Builder<T> add(String name, T value) {
            if (values.containsKey(name)) {
                throw new IllegalArgumentException(kind + " '" + name + "': named twice");
            }
            values.put(name, value);
            listed.add(name);
            return this;
        }

        /** Another name for the value of {@code name}, accepted but not listed. */
        public Builder<T> alias(String alias, String name) {
            if (!values.containsKey(name) || values.containsKey(alias)) {
                throw new IllegalArgumentException(kind + " alias '" + alias + "' of '" + name + "': not possible");
            }
            values.put(alias, values.get(name));
            return this;
        }

        public Registry<T> build() {
            return new Registry<>(kind, Collections.unmodifiableMap(new LinkedHashMap<>(values)), List.copyOf(listed));
        }
    }
}
