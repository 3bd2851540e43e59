package org.snn4j.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.snn4j.model.Network;

/**
 * A network file as read by {@link NetworkFiles#read}: the network, its time step, the population
 * whose spikes decide (its {@code "output"} field, or null), the seed it was built from, and what
 * its {@code "record"} section asks to record (never null; empty without one).
 */
public record NetworkFile(Network network, double dtSeconds, String output, long seed, Record record) {
    /**
     * The {@code "record"} section: files resolved against the network file's folder; selections and
     * traces in the syntax of {@link Recordings.Selection} and {@link Recordings.Trace}, checked
     * against the network.
     *
     * @param spikes   the spikes file (null: none)
     * @param spikesOf the populations (and neurons) it holds (empty: all)
     * @param traces   per CSV file, the traces it holds
     * @param rates    populations with an optional bin, {@code POP[:BIN_MS]}
     * @param raster   the raster PNG (null: none)
     */
    public record Record(Path spikes, List<String> spikesOf, Map<Path, List<String>> traces, List<String> rates,
            Path raster) {
        public static final Record NONE = new Record(null, List.of(), Map.of(), List.of(), null);
    }
}
