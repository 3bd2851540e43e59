package org.snn4j.io;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.snn4j.engine.SpikeTrain;
import org.snn4j.engine.StateTrace;
import org.snn4j.engine.StateVariable;
import org.snn4j.files.SafeFiles;

/**
 * A run's recordings as files, for users of Brian2's monitors or NEST's recorders who want the data
 * without Java. Spikes: CSV ({@code population,neuron,step,time_s}, one spike a line, in the order
 * recorded: by step, and within a step as the engine emitted them) or HDF5 for large runs (a group
 * {@code /spikes/POPULATION} per population with int32 datasets {@code neuron} and {@code step} of
 * equal length and a double attribute {@code dt_s}; the root's attribute {@code format} is
 * {@code "snn4j spikes 1"}; time = step x dt_s). State traces: CSV with a column {@code step}, a
 * column {@code time_s} and one column {@code POPULATION.VARIABLE[NEURON]} per recorded neuron, one
 * row per step, values printed so that they parse back to the same float. Written atomically.
 */
public final class Recordings {
    /** Neurons of one population: {@code pop}, {@code pop:i} or {@code pop:i-j} (inclusive). */
    public record Selection(String population, int from, int to) {
        /** Parses a selection; {@code to} = -1 means "to the last neuron". */
        public static Selection parse(String text) {
            String[] p = text.split(":", -1);
            if (p.length > 2 || p[0].isEmpty()) {
                throw new IllegalArgumentException("selection '" + text + "': expected POPULATION or POPULATION:I or"
                        + " POPULATION:I-J");
            }
            if (p.length == 1) {
                return new Selection(p[0], 0, -1);
            }
            int[] range = range(p[1], text);
            return new Selection(p[0], range[0], range[1]);
        }

        /** The spikes of the selected neurons (all of a whole-population selection, shared, not copied). */
        public SpikeTrain of(SpikeTrain all) {
            if (from == 0 && to < 0) {
                return all;
            }
            int last = to < 0 ? Integer.MAX_VALUE : to;
            int m = 0;
            for (int i : all.neurons()) {
                m += i >= from && i <= last ? 1 : 0;
            }
            int[] steps = new int[m];
            int[] neurons = new int[m];
            m = 0;
            for (int s = 0; s < all.count(); s++) {
                int i = all.neurons()[s];
                if (i >= from && i <= last) {
                    steps[m] = all.steps()[s];
                    neurons[m++] = i;
                }
            }
            return new SpikeTrain(all.population(), steps, neurons, all.dtSeconds());
        }

        /** The neurons, checked against the network (the population exists, the neurons are in it). */
        public int[] neuronsIn(org.snn4j.model.Network net) {
            return neurons(Recordings.population(net, population).size());
        }

        /** The neurons, checked against the population's size. */
        public int[] neurons(int size) {
            int last = to < 0 ? size - 1 : to;
            if (from < 0 || last >= size || last < from) {
                throw new IllegalArgumentException("neurons " + from + "-" + last + " of '" + population
                        + "': must be within 0.." + (size - 1));
            }
            int[] out = new int[last - from + 1];
            for (int i = 0; i < out.length; i++) {
                out[i] = from + i;
            }
            return out;
        }
    }

    /** A state variable of some neurons: {@code pop:v}, {@code pop:current0:0-9} ({@code I0} too). */
    public record Trace(Selection neurons, StateVariable variable) {
        public static Trace parse(String text) {
            String[] p = text.split(":", -1);
            if (p.length < 2 || p.length > 3 || p[0].isEmpty()) {
                throw new IllegalArgumentException("trace '" + text + "': expected POPULATION:VARIABLE[:I-J], VARIABLE"
                        + " one of v, current0, current1, ...");
            }
            StateVariable variable;
            if (p[1].equals("v")) {
                variable = StateVariable.V;
            } else if (p[1].matches("(current|I)\\d{1,3}")) {
                variable = StateVariable.current(Integer.parseInt(p[1].replaceAll("\\D", "")));
            } else {
                throw new IllegalArgumentException("trace '" + text + "': variable '" + p[1]
                        + "' is none of v, current0, current1, ...");
            }
            if (p.length == 2) {
                return new Trace(new Selection(p[0], 0, -1), variable);
            }
            int[] range = range(p[2], text);
            return new Trace(new Selection(p[0], range[0], range[1]), variable);
        }

        /** The neurons, checked against the network (population, neurons, and the port of a current). */
        public int[] neuronsIn(org.snn4j.model.Network net) {
            org.snn4j.model.Population p = Recordings.population(net, neurons.population());
            if (variable.port() >= p.model().ports()) {
                throw new IllegalArgumentException("population '" + p.name() + "' has " + p.model().ports()
                        + " port(s), current0.." + (p.model().ports() - 1) + "; " + variable.name() + " is none of them");
            }
            return neurons.neurons(p.size());
        }
    }

    /** A population of the network by name, or an error that lists the populations. */
    public static org.snn4j.model.Population population(org.snn4j.model.Network net, String name) {
        if (net.populationIndex(name) < 0) {
            throw new IllegalArgumentException("'" + name + "': no such population (have "
                    + net.populations().stream().map(org.snn4j.model.Population::name).toList() + ")");
        }
        return net.population(name);
    }

    private static int[] range(String text, String whole) {
        try {
            String[] ij = text.split("-", -1);
            if (ij.length == 1) {
                int i = Integer.parseInt(ij[0]);
                return new int[] {i, i};
            }
            if (ij.length == 2) {
                return new int[] {Integer.parseInt(ij[0]), Integer.parseInt(ij[1])};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + whole + "': neurons '" + text + "' must be I or I-J, whole numbers >= 0");
    }

    private Recordings() {
    }

    /** Writes spike trains to {@code file}: HDF5 for a {@code .h5} name, CSV otherwise. */
    public static void writeSpikes(Path file, List<SpikeTrain> trains, Path... inputs) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
            SafeFiles.writeVia(file, tmp -> {
                try (WritableHdfFile h5 = HdfFile.write(tmp)) {
                    h5.putAttribute("format", "snn4j spikes 1");
                    WritableGroup spikes = h5.putGroup("spikes");
                    for (SpikeTrain t : trains) {
                        WritableGroup g = spikes.putGroup(t.population());
                        g.putDataset("neuron", t.neurons());
                        g.putDataset("step", t.steps());
                        g.putAttribute("dt_s", t.dtSeconds());
                    }
                }
            }, inputs);
            return;
        }
        SafeFiles.write(file, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            w.write("population,neuron,step,time_s\n");
            StringBuilder line = new StringBuilder(64);
            for (SpikeTrain t : trains) {
                int[] steps = t.steps();
                int[] neurons = t.neurons();
                for (int s = 0; s < steps.length; s++) {
                    line.setLength(0);
                    line.append(t.population()).append(',').append(neurons[s]).append(',').append(steps[s]).append(',')
                            .append(steps[s] * t.dtSeconds()).append('\n');
                    w.append(line);
                }
            }
            w.flush();
        }, inputs);
    }

    /** Writes state traces, one column per recorded neuron and one row per step, as CSV. */
    public static void writeTraces(Path file, List<StateTrace> traces, double dtSeconds, Path... inputs)
            throws IOException {
        int steps = traces.isEmpty() || traces.get(0).neurons().length == 0 ? 0 : traces.get(0).values()[0].length;
        SafeFiles.write(file, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            StringBuilder line = new StringBuilder("step,time_s");
            for (StateTrace t : traces) {
                for (int i : t.neurons()) {
                    line.append(',').append(t.population()).append('.').append(t.variable().name()).append('[')
                            .append(i).append(']');
                }
            }
            w.append(line).append('\n');
            for (int k = 0; k < steps; k++) {
                line.setLength(0);
                line.append(k + 1).append(',').append((k + 1) * dtSeconds);
                for (StateTrace t : traces) {
                    for (float[] values : t.values()) {
                        line.append(',').append(values[k]); // Float.toString: parses back to the same float
                    }
                }
                w.append(line).append('\n');
            }
            w.flush();
        }, inputs);
    }

    /**
     * Reads spike trains as {@link #writeSpikes} writes them: a CSV (a header, then
     * {@code population,neuron,step[,time_s]} per spike; steps from 1) or, for a {@code .h5} file, HDF5
     * ({@code /spikes/POP/neuron} and {@code /step}): one train per neuron of each named population, for
     * the given sizes. Errors name the file and the line or dataset.
     */
    public static java.util.Map<String, int[][]> readSpikes(Path file, java.util.Map<String, Integer> sizes)
            throws IOException {
        java.util.Map<String, java.util.List<java.util.List<Integer>>> trains = new java.util.LinkedHashMap<>();
        sizes.forEach((p, n) -> {
            java.util.List<java.util.List<Integer>> t = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                t.add(new java.util.ArrayList<>());
            }
            trains.put(p, t);
        });
        if (file.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".h5")) {
            readHdf5(file, trains);
        } else {
            java.util.List<String> lines = java.nio.file.Files.readAllLines(file);
            for (int k = 1; k < lines.size(); k++) {
                String line = lines.get(k).trim();
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                String at = "spike file " + file + ", line " + (k + 1) + ": ";
                if (f.length < 3) {
                    throw new IllegalArgumentException(at + "expected population,neuron,step[,time_s]");
                }
                int neuron;
                int step;
                try {
                    neuron = Integer.parseInt(f[1].trim());
                    step = Integer.parseInt(f[2].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(at + "neuron and step must be whole numbers");
                }
                add(trains, f[0], neuron, step, at);
            }
        }
        java.util.Map<String, int[][]> out = new java.util.LinkedHashMap<>();
        trains.forEach((p, t) -> {
            int[][] a = new int[t.size()][];
            for (int i = 0; i < a.length; i++) {
                a[i] = t.get(i).stream().mapToInt(Integer::intValue).sorted().toArray();
            }
            out.put(p, a);
        });
        return out;
    }

    private static void readHdf5(Path file, java.util.Map<String, java.util.List<java.util.List<Integer>>> trains) {
        try (io.jhdf.HdfFile h5 = new io.jhdf.HdfFile(file)) {
            if (!(h5.getChild("spikes") instanceof io.jhdf.api.Group spikes)) {
                throw new IllegalArgumentException("spike file " + file + ": no group /spikes (the layout --spikes"
                        + " writes)");
            }
            for (io.jhdf.api.Node g : spikes.getChildren().values()) {
                String at = "spike file " + file + ", /spikes/" + g.getName() + ": ";
                if (!(g instanceof io.jhdf.api.Group pop) || !(pop.getChild("neuron") instanceof io.jhdf.api.Dataset n)
                        || !(pop.getChild("step") instanceof io.jhdf.api.Dataset s)
                        || !(n.getData() instanceof int[] neurons) || !(s.getData() instanceof int[] steps)
                        || neurons.length != steps.length) {
                    throw new IllegalArgumentException(at + "expected int32 datasets neuron and step of one length");
                }
                for (int k = 0; k < neurons.length; k++) {
                    add(trains, g.getName(), neurons[k], steps[k], at + "spike " + k + ": ");
                }
            }
        } catch (io.jhdf.exceptions.HdfException e) {
            throw new IllegalArgumentException("spike file " + file + ": not a readable HDF5 file (" + e.getMessage()
                    + ")", e);
        }
    }

    private static void add(java.util.Map<String, java.util.List<java.util.List<Integer>>> trains, String population,
            int neuron, int step, String at) {
        java.util.List<java.util.List<Integer>> t = trains.get(population);
        if (t == null) {
            throw new IllegalArgumentException(at + "population '" + population + "' is none of " + trains.keySet());
        }
        if (neuron < 0 || neuron >= t.size() || step < 1) {
            throw new IllegalArgumentException(at + "neuron " + neuron + " (0.." + (t.size() - 1) + ") or step " + step
                    + " (>= 1) out of range");
        }
        t.get(neuron).add(step);
    }
}
