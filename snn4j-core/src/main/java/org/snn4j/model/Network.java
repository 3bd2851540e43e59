package org.snn4j.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A complete, immutable network specification: populations, spike sources, projections (CSR) and
 * analog inputs, with every random choice (connectivity, weights, delays, initial potentials) already
 * drawn from the seed. Engines are made from it and never change it.
 */
public final class Network {
    private final List<Population> populations;
    private final List<SpikeSource> sources;
    private final List<Projection> projections;
    private final List<AnalogInput> analogInputs;
    private final long seed;
    private final int[] updateOrder;
    private final Map<String, Integer> populationIndex;
    private final Map<String, Integer> sourceIndex;

    private Network(List<Population> populations, List<SpikeSource> sources, List<Projection> projections,
            List<AnalogInput> analogInputs, long seed, int[] updateOrder, Map<String, Integer> populationIndex,
            Map<String, Integer> sourceIndex) {
        this.populations = Collections.unmodifiableList(populations);
        this.sources = Collections.unmodifiableList(sources);
        this.projections = Collections.unmodifiableList(projections);
        this.analogInputs = Collections.unmodifiableList(analogInputs);
        this.seed = seed;
        this.updateOrder = updateOrder;
        this.populationIndex = Collections.unmodifiableMap(populationIndex);
        this.sourceIndex = Collections.unmodifiableMap(sourceIndex);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * This network with one spike source replaced by another of the same name and size (the rest is
     * shared, not copied): the same model run on another input sample without building it again.
     */
    public Network withSource(SpikeSource replacement) {
        Check.notNull("replacement", replacement);
        int at = sourceIndex(replacement.name());
        if (at < 0) {
            throw new IllegalArgumentException("source '" + replacement.name() + "': no such source to replace");
        }
        if (sources.get(at).size() != replacement.size()) {
            throw new IllegalArgumentException("source '" + replacement.name() + "' of size " + replacement.size()
                    + ": the replaced one has " + sources.get(at).size() + " neurons");
        }
        List<SpikeSource> copy = new java.util.ArrayList<>(sources);
        copy.set(at, replacement);
        return new Network(populations, copy, projections, analogInputs, seed, updateOrder, populationIndex,
                sourceIndex);
    }

    public List<Population> populations() {
        return populations;
    }

    public List<SpikeSource> sources() {
        return sources;
    }

    public List<Projection> projections() {
        return projections;
    }

    public List<AnalogInput> analogInputs() {
        return analogInputs;
    }

    /** The seed every random choice of the specification was drawn from; engines derive theirs from it. */
    public long seed() {
        return seed;
    }

    /** Population indices in the order engines update them: topological in the zero-delay projections. */
    public int[] updateOrder() {
        return updateOrder.clone();
    }

    /** Index of the named population, or -1. */
    public int populationIndex(String name) {
        Integer i = populationIndex.get(name);
        return i == null ? -1 : i;
    }

    /** Index of the named spike source, or -1. */
    public int sourceIndex(String name) {
        Integer i = sourceIndex.get(name);
        return i == null ? -1 : i;
    }

    public Population population(String name) {
        int i = populationIndex(name);
        if (i < 0) {
            throw new IllegalArgumentException("population '" + name + "': no such population (have "
                    + populationIndex.keySet() + ")");
        }
        return populations.get(i);
    }

    public int neuronCount() {
        int n = 0; // at most 2^31 - 1: checked when the network was built
        for (Population p : populations) {
            n += p.size();
        }
        return n;
    }

    public long synapseCount() {
        long n = 0;
        for (Projection p : projections) {
            n += p.synapseCount();
        }
        return n;
    }

    public int maxDelaySteps() {
        int d = 0;
        for (Projection p : projections) {
            d = Math.max(d, p.maxDelaySteps());
        }
        return d;
    }

    /** Collects declarations; {@link #build(long)} draws everything and validates the whole. */
    public static final class Builder {
        private record PopulationDecl(String name, int size, CubaLif model, InitialV initialV) {
        }

        private record ConnectDecl(String source, String target, Connector connector, Weights weights, Delays delays,
                int port) {
        }

        private record AnalogDecl(String target, double[] weights, double[] series, int stepsPerValue) {
        }

        private final List<PopulationDecl> populations = new ArrayList<>();
        private final List<SpikeSource> sources = new ArrayList<>();
        private final List<ConnectDecl> connections = new ArrayList<>();
        private final List<AnalogDecl> analogs = new ArrayList<>();

        private Builder() {
        }

        public Builder population(String name, int size, CubaLif model, InitialV initialV) {
            Check.name("population name", name);
            if (size <= 0) {
                throw new IllegalArgumentException("size " + size + " of population '" + name + "': must be > 0");
            }
            populations.add(new PopulationDecl(name, size, Check.notNull("model of population '" + name + "'", model),
                    Check.notNull("initial V of population '" + name + "'", initialV)));
            return this;
        }

        public Builder population(String name, int size, CubaLif model) {
            return population(name, size, model, InitialV.constant(model.vLeak()));
        }

        public Builder source(SpikeSource source) {
            sources.add(Check.notNull("source", source));
            return this;
        }

        public Builder connect(String source, String target, Connector connector, Weights weights, Delays delays,
                Port port) {
            connections.add(new ConnectDecl(Check.name("projection source", source),
                    Check.name("projection target", target), Check.notNull("connector", connector),
                    Check.notNull("weights", weights), Check.notNull("delays", delays),
                    Check.notNull("port", port).index()));
            return this;
        }

        /** Onto port 0. */
        public Builder connect(String source, String target, Connector connector, Weights weights, Delays delays) {
            return connect(source, target, connector, weights, delays, Port.of(0));
        }

        /** I_ext[i](k) = weights[i] * series[(k - 1) / stepsPerValue], see {@link AnalogInput}. */
        public Builder analogInput(String target, double[] weights, double[] series, int stepsPerValue) {
            analogs.add(new AnalogDecl(Check.name("analog input target", target), weights, series, stepsPerValue));
            return this;
        }

        public Network build(long seed) {
            SplittableRandom master = new SplittableRandom(seed);
            Map<String, Integer> popIndex = new LinkedHashMap<>();
            Map<String, Integer> srcIndex = new LinkedHashMap<>();
            List<Population> pops = new ArrayList<>();
            long neurons = 0;
            for (PopulationDecl d : populations) {
                neurons += d.size;
            }
            for (SpikeSource s : sources) {
                neurons += s.size();
            }
            MemoryCheck.require("a network of " + neurons + " neurons", neurons * MemoryCheck.BYTES_PER_NEURON);
            double synapses = 0;
            for (PopulationDecl d : populations) {
                if (popIndex.containsKey(d.name)) {
                    throw new IllegalArgumentException("population name '" + d.name + "': declared twice");
                }
                popIndex.put(d.name, pops.size());
                pops.add(new Population(d.name, d.size, d.model, d.initialV.values(d.name, d.size, master.split())));
            }
            for (SpikeSource s : sources) {
                if (popIndex.containsKey(s.name()) || srcIndex.containsKey(s.name())) {
                    throw new IllegalArgumentException("source name '" + s.name() + "': already used");
                }
                srcIndex.put(s.name(), srcIndex.size());
            }
            if (pops.isEmpty()) {
                throw new IllegalArgumentException("populations: a network needs at least one population");
            }
            List<Projection> projs = new ArrayList<>();
            for (ConnectDecl c : connections) {
                SplittableRandom rng = master.split();
                Integer targetIdx = popIndex.get(c.target);
                if (targetIdx == null) {
                    throw new IllegalArgumentException("projection target '" + c.target + "': no such population (have "
                            + popIndex.keySet() + ")");
                }
                Population tgt = pops.get(targetIdx);
                int nPre;
                if (popIndex.containsKey(c.source)) {
                    nPre = pops.get(popIndex.get(c.source)).size();
                } else if (srcIndex.containsKey(c.source)) {
                    nPre = sources.get(srcIndex.get(c.source)).size();
                } else {
                    throw new IllegalArgumentException("projection source '" + c.source
                            + "': no such population or source (have " + popIndex.keySet() + " and "
                            + srcIndex.keySet() + ")");
                }
                String label = "'" + c.source + "' -> '" + c.target + "' port " + c.port;
                if (c.port >= tgt.model().ports()) {
                    throw new IllegalArgumentException("port " + c.port + " of projection " + label + ": population '"
                            + c.target + "' has " + tgt.model().ports() + " port(s), numbered from 0");
                }
                synapses += c.connector.expectedPairs(nPre, tgt.size());
                MemoryCheck.require("a network of " + neurons + " neurons and about " + String.format(java.util.Locale.ROOT,
                        "%.3g", synapses) + " synapses (with projection " + label + ")",
                        neurons * MemoryCheck.BYTES_PER_NEURON + synapses * MemoryCheck.BYTES_PER_SYNAPSE);
                int[][] pairs = c.connector.pairs(nPre, tgt.size(), c.source.equals(c.target), rng.split(), label);
                int count = pairs[0].length;
                double[] w = c.weights.values(count, rng.split(), label);
                int[] d = c.delays.values(count, rng.split(), label);
                projs.add(Projection.fromPairs(c.source, c.target, c.port, nPre, tgt.size(), pairs[0], pairs[1], w, d,
                        label));
            }
            List<AnalogInput> inputs = new ArrayList<>();
            for (AnalogDecl a : analogs) {
                Integer idx = popIndex.get(a.target);
                if (idx == null) {
                    throw new IllegalArgumentException("analog input target '" + a.target + "': no such population (have "
                            + popIndex.keySet() + ")");
                }
                AnalogInput in = new AnalogInput(a.target, a.weights, a.series, a.stepsPerValue);
                if (in.size() != pops.get(idx).size()) {
                    throw new IllegalArgumentException("analog input weights into '" + a.target + "' have length "
                            + in.size() + ": must equal the population size " + pops.get(idx).size());
                }
                inputs.add(in);
            }
            int[] order = zeroDelayOrder(pops, popIndex, projs);
            return new Network(pops, new ArrayList<>(sources), projs, inputs, seed, order, popIndex, srcIndex);
        }

        /**
         * Kahn's algorithm over the edges "a projection from population a to b holds a zero-delay
         * synapse" (a spike of a must reach b within the step, so a is updated first); ties keep
         * declaration order (the smallest index ready goes next, from a heap). Linear in populations
         * plus projections (times a log). A cycle is an error naming its populations.
         */
        private static int[] zeroDelayOrder(List<Population> pops, Map<String, Integer> popIndex,
                List<Projection> projs) {
            int n = pops.size();
            List<java.util.TreeSet<Integer>> successors = new ArrayList<>(n);
            List<java.util.TreeSet<Integer>> predecessors = new ArrayList<>(n);
            for (int a = 0; a < n; a++) {
                successors.add(null);
                predecessors.add(null);
            }
            for (Projection p : projs) {
                Integer from = popIndex.get(p.source());
                if (from != null && p.synapseCount() > 0 && p.minDelaySteps() == 0) {
                    int to = popIndex.get(p.target());
                    if (successors.get(from) == null) {
                        successors.set(from, new java.util.TreeSet<>());
                    }
                    if (predecessors.get(to) == null) {
                        predecessors.set(to, new java.util.TreeSet<>());
                    }
                    successors.get(from).add(to);
                    predecessors.get(to).add(from);
                }
            }
            int[] indegree = new int[n];
            java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
            for (int b = 0; b < n; b++) {
                indegree[b] = predecessors.get(b) == null ? 0 : predecessors.get(b).size();
                if (indegree[b] == 0) {
                    ready.add(b);
                }
            }
            int[] order = new int[n];
            boolean[] done = new boolean[n];
            for (int k = 0; k < n; k++) {
                if (ready.isEmpty()) {
                    throw new IllegalArgumentException("zero-delay projections form a cycle: "
                            + describeCycle(pops, predecessors, done)
                            + "; a spike would have to cross it within one step (give one projection a delay >= 1)");
                }
                int next = ready.poll();
                done[next] = true;
                order[k] = next;
                if (successors.get(next) != null) {
                    for (int b : successors.get(next)) {
                        if (--indegree[b] == 0) {
                            ready.add(b);
                        }
                    }
                }
            }
            return order;
        }

        /**
         * Every population left over has a zero-delay predecessor that is left over too, so walking
         * predecessors must repeat a population: that loop, printed forwards, is the cycle.
         */
        private static String describeCycle(List<Population> pops, List<java.util.TreeSet<Integer>> predecessors,
                boolean[] done) {
            int n = pops.size();
            int start = 0;
            while (done[start]) {
                start++;
            }
            int[] seenAt = new int[n];
            java.util.Arrays.fill(seenAt, -1);
            List<Integer> path = new ArrayList<>();
            int at = start;
            while (seenAt[at] < 0) {
                seenAt[at] = path.size();
                path.add(at);
                int previous = -1;
                for (int b : predecessors.get(at)) { // ascending: the first-declared predecessor left over
                    if (!done[b]) {
                        previous = b;
                        break;
                    }
                }
                at = previous;
            }
            // the loop in forward order, starting from its first-declared population
            List<Integer> cycle = new ArrayList<>();
            for (int i = path.size() - 1; i >= seenAt[at]; i--) {
                cycle.add(path.get(i));
            }
            Collections.rotate(cycle, -cycle.indexOf(Collections.min(cycle)));
            StringBuilder sb = new StringBuilder();
            for (int p : cycle) {
                sb.append('\'').append(pops.get(p).name()).append("' -> ");
            }
            return sb.append('\'').append(pops.get(cycle.get(0)).name()).append('\'').toString();
        }
    }
}
