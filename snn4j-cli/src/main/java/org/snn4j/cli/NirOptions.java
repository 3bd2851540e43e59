package org.snn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.snn4j.io.NetworkFile;
import org.snn4j.io.NirFiles;
import org.snn4j.io.NirGraph;
import org.snn4j.io.NirNetworks;
import org.snn4j.io.Recordings;
import org.snn4j.model.Network;
import org.snn4j.model.SpikeSource;
import picocli.CommandLine.Option;

/** The options that say how a NIR graph becomes a network, shared by the commands that read NIR files. */
final class NirOptions {
    @Option(names = "--discretisation", defaultValue = "file", completionCandidates = Discretisations.class,
            description = "NIR files: ${COMPLETION-CANDIDATES}: exact (continuous NIR, a spike an impulse) or euler "
                    + "(snnTorch, Norse, Spyx, Sinabs: decay 1 - dt/tau, a spike a unit value for a step); file: as "
                    + "snn4j's metadata in the file says, else exact")
    String discretisation;

    @Option(names = "--reset", defaultValue = "file", completionCandidates = Resets.class,
            description = "NIR files: ${COMPLETION-CANDIDATES}: to v_reset, subtract at the spike, or subtract at the "
                    + "next step (snnTorch's and Spyx's default); file: as the node's metadata says, else value")
    String reset;

    @Option(names = "--lenient", description = "NIR files: correct known faults of real files (required fields "
            + "left out, transposed weights, one-value fields, delays off the step grid), one line each, instead of "
            + "refusing them")
    boolean lenient;

    /** Refuses these options where the input is not a NIR file (they would be ignored). */
    void onlyForNir(Path file) {
        if (!discretisation.equals("file") || !reset.equals("file") || lenient) {
            throw new IllegalArgumentException("--discretisation, --reset, --lenient: for NIR files; " + file
                    + " is not one");
        }
    }

    /** The mapping options; each correction and warning goes to {@code err} as a line naming the file. */
    NirNetworks.Options options(PrintWriter err, Path file) {
        return new NirNetworks.Options(Options.choice("--discretisation", NirNetworks.DISCRETISATIONS, discretisation)
                .orElse(null), Options.choice("--reset", NirNetworks.RESETS, reset), lenient,
                line -> err.println("NIR file " + file + ": " + line));
    }

    /**
     * A NIR file as a network at --dt (else the dt_s snn4j wrote into the file, else 1e-4 s), its graph inputs given by a spikes file
     * ({@code input}), a Poisson rate, or (neither) left without spikes; every error names the file.
     */
    NetworkFile read(Path file, Double dt, Long seed, Path input, Double inputRate, PrintWriter err)
            throws IOException {
        NirGraph graph = NirFiles.read(file);
        Map<String, Integer> sizes = NirNetworks.inputs(graph);
        Map<String, int[][]> trains = input == null ? Map.of() : Recordings.readSpikes(input, sizes);
        if (inputRate != null) {
            Options.nonNegative("--input-rate", inputRate);
        }
        long s = seed != null ? seed : 1;
        double step = dt != null ? dt : graph.dtSeconds() != null ? graph.dtSeconds() : 1e-4;
        Options.positive("--dt", step);
        Network network;
        try {
            network = NirNetworks.toNetwork(graph, step, options(err, file), (name, size) -> inputRate != null
                    ? SpikeSource.poisson(name, size, inputRate)
                    : SpikeSource.trains(name, trains.getOrDefault(name, new int[size][0])), s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("NIR file " + file + ": " + e.getMessage(), e);
        }
        String output = NirNetworks.outputPopulation(graph);
        // a node split into populations by its parameters has no one population to decide
        return new NetworkFile(network, step, output != null && network.populationIndex(output) >= 0 ? output : null, s,
                NetworkFile.Record.NONE);
    }

    static final class Discretisations extends Names {
        Discretisations() {
            super(NirNetworks.DISCRETISATIONS);
        }
    }

    static final class Resets extends Names {
        Resets() {
            super(NirNetworks.RESETS);
        }
    }
}
