package org.snn4j.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.snn4j.model.Connect;
import org.snn4j.model.CubaLif;
import org.snn4j.model.Delays;
import org.snn4j.model.Discretisation;
import org.snn4j.model.InitialV;
import org.snn4j.model.Network;
import org.snn4j.model.ResetMode;
import org.snn4j.model.SpikeSource;
import org.snn4j.model.Weights;

/**
 * A NIR graph as a network. Neuron nodes ({@code LIF}, {@code CubaLIF}, {@code IF}, {@code LI},
 * {@code CubaLI}, {@code I}, and {@code Threshold}, a neuron without memory that fires when its input
 * of the step exceeds its threshold) become populations; every chain of linear nodes between them
 * ({@code Affine}, {@code Linear}, {@code Scale}, {@code Flatten}, {@code Delay}, {@code Conv1d},
 * {@code Conv2d}, {@code SumPool2d}, {@code AvgPool2d}, and the {@code Input} / {@code Output}
 * pass-throughs of nested graphs) is composed into one sparse projection per source and target
 * (convolution and pooling expanded, their shared weights copied to each synapse; entries with the
 * same neurons and delay summed; zero weights left out), and its constant part into a bias. A graph
 * {@code Input} becomes a spike source the caller gives, named after the node. A neuron node whose
 * neurons differ in parameters becomes one population per distinct parameter set ({@code NODE.p0}, ...).
 *
 * <p><b>Spikes and time.</b> With {@link Discretisation#EXACT}, NIR's continuous neurons are
 * integrated exactly and a spike is a Dirac impulse of area 1: a weight w into {@code LIF}
 * ({@code tau dv/dt = (v_leak - v) + r I}) moves v by {@code r w / tau}; into {@code CubaLIF}
 * ({@code tau_syn dI/dt = -I + w_in x}) it moves I by {@code w_in w / tau_syn}; into {@code IF}
 * ({@code dv/dt = r I}) v by {@code r w}. With {@link Discretisation#EULER} (the PyTorch and JAX
 * libraries' update) a spike is a unit value held for its step, so each jump is dt times that, and
 * the decays are 1 - dt/tau. Which option reproduces which library is in the README.
 *
 * <p><b>Cycles.</b> An edge that closes a cycle (found by a depth-first walk from the graph's inputs
 * in the file's edge order) delays what crosses it by one step: NIR's recurrent edges have no delay
 * of their own, and a step is the least a clocked network can give them. <b>Reset</b>: to
 * {@code v_reset} (0 where the file has none) unless the node's metadata {@code reset_mode} (snn4j's)
 * or {@code reset_mechanism} (snnTorch's) says {@code subtract}, or {@link Options#reset} says
 * otherwise. A bias is a constant current (into a CubaLIF at its steady value {@code w_in b}, its rise
 * over tau_syn from zero at the start not modelled).
 */
public final class NirNetworks {
    private NirNetworks() {
    }

    /** Supplies the spike source of a graph input: its name and size. */
    @FunctionalInterface
    public interface Inputs {
        SpikeSource source(String name, int size);
    }

    /** How the neurons reset after a spike. */
    public enum Reset {
        /** As the file says: to v_reset, or subtractive where a node's metadata says so. */
        FILE,
        /** To v_reset (0 where the file has none). */
        VALUE,
        /** V -= v_threshold - v_reset at the spike (snnTorch with {@code reset_delay=False}, NEST-like). */
        SUBTRACT,
        /**
         * The threshold subtracted, undecayed, at the next step's update: snnTorch's default
         * ({@code reset_delay=True}) and Spyx's. Realised as a subtraction of {@code v_threshold / beta}
         * at the spike, which decays to the same V.
         */
        SUBTRACT_NEXT
    }

    /**
     * How a graph becomes a network.
     *
     * @param discretisation exact (continuous NIR) or forward Euler (the libraries' discrete update); null:
     *                       as a node's snn4j metadata says, else exact
     * @param reset          the reset after a spike
     * @param lenient        whether known faults of real files are corrected (each reported) rather than refused
     * @param report         receives one line per correction and per warning
     */
    public record Options(Discretisation discretisation, Reset reset, boolean lenient, Consumer<String> report) {
        public Options {
            if (reset == null || report == null) {
                throw new IllegalArgumentException("NIR options: reset and report are required");
            }
        }

        /** Exact, resets as the file says, strict, reports dropped. */
        public static Options exact() {
            return new Options(Discretisation.EXACT, Reset.FILE, false, line -> { });
        }

        /** Discretisation and reset as the file says (snn4j's metadata; exact otherwise), strict, reports dropped. */
        public static Options fromFile() {
            return new Options(null, Reset.FILE, false, line -> { });
        }

        public Options with(Discretisation d) {
            return new Options(d, reset, lenient, report);
        }

        public Options with(Reset r) {
            return new Options(discretisation, r, lenient, report);
        }

        public Options lenient(boolean on) {
            return new Options(discretisation, reset, on, report);
        }

        public Options report(Consumer<String> r) {
            return new Options(discretisation, reset, lenient, r);
        }
    }

    /** The discretisations by name ("file": as the file's snn4j metadata says, else exact; null). */
    public static final org.snn4j.registry.Registry<Optional<Discretisation>> DISCRETISATIONS =
            org.snn4j.registry.Registry.<Optional<Discretisation>>of("discretisation")
                    .add("file", Optional.empty()).add("exact", Optional.of(Discretisation.EXACT))
                    .add("euler", Optional.of(Discretisation.EULER)).build();

    /** The resets by name. */
    public static final org.snn4j.registry.Registry<Reset> RESETS = org.snn4j.registry.Registry.<Reset>of("reset")
            .add("file", Reset.FILE).add("value", Reset.VALUE).add("subtract", Reset.SUBTRACT)
            .add("subtract-next", Reset.SUBTRACT_NEXT).build();

    static final Set<String> NEURONS = Set.of("LIF", "CubaLIF", "IF", "LI", "CubaLI", "I", "Threshold");
    static final Set<String> LINEAR = Set.of("Affine", "Linear", "Scale", "Flatten", "Delay", "Conv1d", "Conv2d",
            "SumPool2d", "AvgPool2d", "Input", "Output");

    /** The network of a graph at time step dt; {@code inputs} gives the spike trains of its Input nodes. */
    public static Network toNetwork(NirGraph graph, double dtSeconds, Options options, Inputs inputs, long seed) {
        return new Mapping(graph, dtSeconds, options).network(inputs, seed);
    }

    /** The graph's inputs and their sizes (the Input nodes no edge feeds). */
    public static Map<String, Integer> inputs(NirGraph graph) {
        Set<String> fed = new HashSet<>();
        for (NirGraph.Edge e : graph.edges()) {
            fed.add(e.target());
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (NirGraph.Node n : graph.nodes().values()) {
            if (n.type().equals("Input") && !fed.contains(n.name())) {
                out.put(n.name(), size(inputShape(n)));
            }
        }
        return out;
    }

    /** The population that feeds the graph's output (the Output node no edge leaves), or null if not one. */
    public static String outputPopulation(NirGraph graph) {
        Set<String> feeding = new HashSet<>();
        for (NirGraph.Edge e : graph.edges()) {
            feeding.add(e.source());
        }
        List<String> found = new ArrayList<>();
        for (NirGraph.Edge e : graph.edges()) {
            NirGraph.Node target = graph.nodes().get(e.target());
            NirGraph.Node source = graph.nodes().get(e.source());
            if (target.type().equals("Output") && !feeding.contains(target.name()) && NEURONS.contains(source.type())) {
                found.add(source.name());
            }
        }
        return found.size() == 1 ? found.get(0) : null;
    }

    private static int[] inputShape(NirGraph.Node n) {
        String field = n.has("shape") ? "shape" : "input_type";
        double[] v = n.field(field).values();
        int[] shape = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            shape[i] = (int) v[i];
            if (shape[i] != v[i] || shape[i] <= 0) {
                throw new IllegalArgumentException("node '" + n.name() + "': field '" + field + "' holds " + v[i]
                        + ", expected positive whole sizes");
            }
        }
        return shape;
    }

    /**
     * The jump of the state one spike through a unit NIR weight causes in a neuron of the given type:
     * r / tau (LIF, LI), w_in / tau_syn (CubaLIF, CubaLI), r (IF, I); times dt with Euler, whose spike
     * is a unit value held for a step.
     */
    static double jump(String type, double r, double tau, double wIn, Discretisation d, double dt) {
        if (type.equals("Threshold")) {
            return 1; // it compares its input of the step itself
        }
        double scale = d == Discretisation.EULER ? dt : 1;
        if (type.startsWith("Cuba")) {
            return wIn / tau * scale;
        }
        if (type.equals("IF") || type.equals("I")) {
            return r * scale;
        }
        return r / tau * scale;
    }

    static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + ": more than 2^31 - 1 neurons");
        }
        return (int) n;
    }

    /** Synapses one composition may hold: about 160 bytes each while composing (index and arrays). */
    static final long MAX_ENTRIES = Math.min(Integer.MAX_VALUE / 2, Runtime.getRuntime().maxMemory() / 160);

    /** The synapses from one source into a node's input: parallel arrays, one entry per (pre, post, delay). */
    private static final class Entries {
        final Map<Long, Integer> index = new HashMap<>();
        int[] pre = new int[16];
        int[] post = new int[16];
        int[] delay = new int[16];
        double[] weight = new double[16];
        int size;
        final int outSize;

        Entries(int outSize) {
            this.outSize = outSize;
        }

        void add(int i, int j, double w, int d) {
            long key = ((long) i * outSize + j) * (Delays.MAX_STEPS + 1L) + d;
            Integer at = index.get(key);
            if (at != null) {
                weight[at] += w;
                return;
            }
            if (size == pre.length) {
                if (size >= MAX_ENTRIES) {
                    throw new IllegalArgumentException("more than " + MAX_ENTRIES + " synapses from one source into one"
                            + " node: too many for the " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB this JVM may"
                            + " use (raise it with SNN4J_JAVA_OPTS=-Xmx<size>)");
                }
                int n = size * 2;
                pre = Arrays.copyOf(pre, n);
                post = Arrays.copyOf(post, n);
                delay = Arrays.copyOf(delay, n);
                weight = Arrays.copyOf(weight, n);
            }
            index.put(key, size);
            pre[size] = i;
            post[size] = j;
            delay[size] = d;
            weight[size] = w;
            size++;
        }
    }

    /**
     * What reaches a node's input, as an affine map of the populations and graph inputs upstream:
     * synapses per source, a constant (the biases on the way, or null), and the shape of the signal.
     */
    private record Signal(Map<String, Entries> sources, double[] bias, int[] shape) {
        int size() {
            return NirNetworks.size(shape);
        }
    }

    /** A linear node's map: for input element k, the outputs j it reaches with their weights and extra delays. */
    interface Operator {
        int[] outShape();

        void outputs(int k, Sink sink);

        /** The node's own constant added to its output (null if none). */
        double[] bias();
    }

    @FunctionalInterface
    interface Sink {
        void accept(int j, double w, int extraDelay);
    }

    /** The mapping of one graph, with its options. */
    private static final class Mapping {
        final NirGraph graph;
        final double dt;
        final Options options;
        final Map<String, List<String>> in = new LinkedHashMap<>();
        final Set<String> back;
        final Map<String, Signal> outputs = new HashMap<>();
        final Set<String> inProgress = new HashSet<>();
        final Map<String, int[]> leafShapes = new LinkedHashMap<>();
        /** The nodes in the order a walk from the inputs reaches them, then those it does not reach. */
        final List<NirGraph.Node> order = new ArrayList<>();

        Mapping(NirGraph graph, double dt, Options options) {
            this.graph = graph;
            this.dt = dt;
            this.options = options;
            for (NirGraph.Edge e : graph.edges()) {
                in.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(e.source());
            }
            List<String> reached = new ArrayList<>();
            back = backEdges(graph, reached);
            Set<String> seen = new HashSet<>(reached);
            for (String name : reached) {
                order.add(graph.nodes().get(name));
            }
            for (NirGraph.Node n : graph.nodes().values()) {
                if (!seen.contains(n.name())) {
                    order.add(n);
                }
            }
        }

        /** A neuron node's populations: one per distinct parameter set, and where each neuron went. */
        record Split(String[] names, int[] partOf, int[] local) {
        }

        final Map<String, Split> splits = new LinkedHashMap<>();

        Network network(Inputs inputs, long seed) {
            Network.Builder b = Network.builder();
            for (NirGraph.Node n : order) {
                if (NEURONS.contains(n.type())) {
                    int[] shape = neuronShape(n);
                    declare(b, n, NirNetworks.size(shape));
                    leafShapes.put(n.name(), shape);
                } else if (n.type().equals("Input") && !in.containsKey(n.name())) {
                    int[] shape = inputShape(n);
                    b.source(inputs.source(n.name(), NirNetworks.size(shape)));
                    leafShapes.put(n.name(), shape);
                } else if (!LINEAR.contains(n.type())) {
                    throw new IllegalArgumentException("node '" + n.name() + "': type " + n.type() + " is not handled"
                            + " (neurons: " + String.join(", ", new java.util.TreeSet<>(NEURONS)) + "; linear: "
                            + String.join(", ", new java.util.TreeSet<>(LINEAR)) + ")");
                }
            }
            for (String name : splits.keySet()) {
                NirGraph.Node target = graph.nodes().get(name);
                Signal s = input(name);
                if (s == null) {
                    continue;
                }
                int n = leafSize(name);
                if (s.size() != n) {
                    throw new IllegalArgumentException("node '" + name + "': fed " + s.size() + " values of"
                            + " shape " + Arrays.toString(s.shape()) + ", for its " + n + " neurons");
                }
                Split to = splits.get(name);
                for (Map.Entry<String, Entries> src : s.sources().entrySet()) {
                    Split from = splits.getOrDefault(src.getKey(), new Split(new String[] {src.getKey()}, null, null));
                    connect(b, src.getValue(), from, to, target);
                }
                if (s.bias() != null) {
                    double[][] drive = new double[to.names().length][];
                    for (int part = 0; part < drive.length; part++) {
                        drive[part] = new double[count(to, part, n)];
                    }
                    boolean any = false;
                    boolean cuba = target.type().startsWith("Cuba");
                    for (int j = 0; j < n; j++) {
                        double d = s.bias()[j] * (cuba ? value(target, "w_in", j, 1) : 1);
                        drive[part(to, j)][local(to, j)] = d;
                        any |= d != 0;
                    }
                    for (int part = 0; any && part < drive.length; part++) {
                        b.analogInput(to.names()[part], drive[part], new double[] {1}, Integer.MAX_VALUE);
                    }
                }
            }
            return b.build(seed);
        }

        /**
         * Declares a neuron node's population, or one per distinct parameter set when its neurons differ
         * (NODE.p0, NODE.p1, ... in the order of their first neuron; snn4j's parameters are per population).
         */
        void declare(Network.Builder b, NirGraph.Node n, int size) {
            checkFields(n);
            Map<CubaLif, Integer> parts = new LinkedHashMap<>();
            int[] partOf = new int[size];
            int[] local = new int[size];
            List<Integer> counts = new ArrayList<>();
            for (int j = 0; j < size; j++) {
                CubaLif model = neuron(n, j);
                Integer part = parts.get(model);
                if (part == null) {
                    part = parts.size();
                    parts.put(model, part);
                    counts.add(0);
                }
                partOf[j] = part;
                local[j] = counts.get(part);
                counts.set(part, local[j] + 1);
            }
            String[] names = new String[parts.size()];
            double v0 = metadata(n, "v_initial", Double.NaN);
            for (Map.Entry<CubaLif, Integer> p : parts.entrySet()) {
                int k = p.getValue();
                names[k] = parts.size() == 1 ? n.name() : n.name() + ".p" + k;
                CubaLif model = p.getKey();
                b.population(names[k], counts.get(k), model, InitialV.constant(Double.isNaN(v0) ? model.vLeak() : v0));
            }
            if (parts.size() > 1) {
                options.report().accept("node '" + n.name() + "': its neurons differ in parameters: " + parts.size()
                        + " populations " + names[0] + " .. " + names[names.length - 1]);
            }
            splits.put(n.name(), parts.size() == 1 ? new Split(names, null, null) : new Split(names, partOf, local));
        }

        static int part(Split s, int j) {
            return s.partOf() == null ? 0 : s.partOf()[j];
        }

        static int local(Split s, int j) {
            return s.local() == null ? j : s.local()[j];
        }

        static int count(Split s, int part, int size) {
            if (s.partOf() == null) {
                return size;
            }
            int c = 0;
            for (int p : s.partOf()) {
                c += p == part ? 1 : 0;
            }
            return c;
        }

        /** The synapses from one source into a target node, one projection per (source part, target part). */
        void connect(Network.Builder b, Entries e, Split from, Split to, NirGraph.Node target) {
            int parts = to.names().length;
            Map<Integer, List<Integer>> byPair = new LinkedHashMap<>();
            for (int x = 0; x < e.size; x++) {
                byPair.computeIfAbsent(part(from, e.pre[x]) * parts + part(to, e.post[x]), k -> new ArrayList<>()).add(x);
            }
            for (Map.Entry<Integer, List<Integer>> pair : byPair.entrySet()) {
                List<Integer> xs = pair.getValue();
                int[] pre = new int[xs.size()];
                int[] post = new int[xs.size()];
                int[] delay = new int[xs.size()];
                double[] w = new double[xs.size()];
                for (int i = 0; i < pre.length; i++) {
                    int x = xs.get(i);
                    pre[i] = local(from, e.pre[x]);
                    post[i] = local(to, e.post[x]);
                    delay[i] = e.delay[x];
                    w[i] = e.weight[x] * jump(target, e.post[x]);
                }
                b.connect(from.names()[pair.getKey() / parts], to.names()[pair.getKey() % parts],
                        Connect.explicit(pre, post), Weights.array(w), Delays.arraySteps(delay));
            }
        }

        int leafSize(String name) {
            return NirNetworks.size(leafShapes.get(name));
        }

        /** The sum of what the node's in-edges carry (null if none), a back edge's delayed one step. */
        Signal input(String node) {
            Signal sum = null;
            for (String u : in.getOrDefault(node, List.of())) {
                Signal s = leafShapes.containsKey(u) ? identity(u) : output(u);
                if (back.contains(u + "->" + node)) {
                    s = delayed(s, 1);
                }
                sum = sum == null ? s : add(sum, s, node, u);
            }
            return sum;
        }

        /** What a linear node puts out: its operator applied to its input. */
        Signal output(String name) {
            Signal done = outputs.get(name);
            if (done != null) {
                return done;
            }
            NirGraph.Node n = graph.nodes().get(name);
            if (!LINEAR.contains(n.type())) {
                throw new IllegalArgumentException("node '" + name + "': type " + n.type() + " feeds a neuron but is"
                        + " not handled");
            }
            if (!inProgress.add(name)) {
                throw new IllegalArgumentException("node '" + name + "': on a cycle of linear nodes with no neuron on it"
                        + " (an algebraic loop)");
            }
            Signal x = input(name);
            if (x == null) {
                throw new IllegalArgumentException("node '" + name + "' (" + n.type() + "): no edge feeds it");
            }
            Signal y;
            try {
                y = apply(Operators.of(n, x.shape(), dt, options), x);
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith("node '") ? e
                        : new IllegalArgumentException("node '" + name + "': " + e.getMessage(), e);
            }
            inProgress.remove(name);
            outputs.put(name, y);
            return y;
        }

        Signal identity(String leaf) {
            int n = leafSize(leaf);
            Entries e = new Entries(n);
            for (int i = 0; i < n; i++) {
                e.add(i, i, 1, 0);
            }
            Map<String, Entries> m = new LinkedHashMap<>();
            m.put(leaf, e);
            return new Signal(m, null, leafShapes.get(leaf));
        }

        static Signal apply(Operator op, Signal x) {
            int outSize = NirNetworks.size(op.outShape());
            Map<String, Entries> sources = new LinkedHashMap<>();
            for (Map.Entry<String, Entries> s : x.sources().entrySet()) {
                Entries from = s.getValue();
                Entries to = new Entries(outSize);
                for (int t = 0; t < from.size; t++) {
                    int pre = from.pre[t];
                    double w = from.weight[t];
                    int d = from.delay[t];
                    op.outputs(from.post[t], (j, v, dd) -> {
                        if (v != 0 && w != 0) {
                            to.add(pre, j, w * v, d + dd);
                        }
                    });
                }
                sources.put(s.getKey(), to);
            }
            double[] bias = op.bias() == null ? null : op.bias().clone();
            if (x.bias() != null) {
                double[] b = bias == null ? new double[outSize] : bias;
                for (int k = 0; k < x.bias().length; k++) {
                    double c = x.bias()[k];
                    if (c != 0) {
                        op.outputs(k, (j, v, dd) -> b[j] += v * c);
                    }
                }
                bias = b;
            }
            return new Signal(sources, bias, op.outShape());
        }

        static Signal delayed(Signal s, int steps) {
            Map<String, Entries> m = new LinkedHashMap<>();
            for (Map.Entry<String, Entries> e : s.sources().entrySet()) {
                Entries from = e.getValue();
                Entries to = new Entries(from.outSize);
                for (int t = 0; t < from.size; t++) {
                    to.add(from.pre[t], from.post[t], from.weight[t], from.delay[t] + steps);
                }
                m.put(e.getKey(), to);
            }
            return new Signal(m, s.bias(), s.shape());
        }

        static Signal add(Signal a, Signal b, String node, String from) {
            if (a.size() != b.size()) {
                throw new IllegalArgumentException("node '" + node + "': its inputs differ in size: " + a.size() + " and "
                        + b.size() + " from '" + from + "'");
            }
            Map<String, Entries> m = new LinkedHashMap<>(a.sources());
            for (Map.Entry<String, Entries> e : b.sources().entrySet()) {
                Entries into = m.get(e.getKey());
                if (into == null) {
                    m.put(e.getKey(), e.getValue());
                    continue;
                }
                Entries merged = new Entries(into.outSize);
                for (Entries part : List.of(into, e.getValue())) {
                    for (int t = 0; t < part.size; t++) {
                        merged.add(part.pre[t], part.post[t], part.weight[t], part.delay[t]);
                    }
                }
                m.put(e.getKey(), merged);
            }
            double[] bias = a.bias() == null ? b.bias() : a.bias().clone();
            if (a.bias() != null && b.bias() != null) {
                for (int j = 0; j < bias.length; j++) {
                    bias[j] += b.bias()[j];
                }
            }
            return new Signal(m, bias, a.shape());
        }

        /** A neuron node's shape: that of its parameter fields (those of one value count as scalars). */
        int[] neuronShape(NirGraph.Node n) {
            int[] shape = null;
            String from = null;
            for (Map.Entry<String, NirGraph.Field> f : n.fields().entrySet()) {
                if (f.getValue().size() > 1 && shape == null) {
                    shape = f.getValue().shape();
                    from = f.getKey();
                }
            }
            if (shape == null) {
                shape = new int[] {1};
                for (NirGraph.Field f : n.fields().values()) {
                    shape = f.shape().length > 0 ? f.shape() : shape;
                }
            }
            for (Map.Entry<String, NirGraph.Field> f : n.fields().entrySet()) {
                NirGraph.Field v = f.getValue();
                if (v.size() != NirNetworks.size(shape)) {
                    if (v.size() == 1 && options.lenient()) {
                        options.report().accept("node '" + n.name() + "': field '" + f.getKey() + "' holds one value for "
                                + NirNetworks.size(shape) + " neurons: used for all");
                    } else {
                        throw new IllegalArgumentException("node '" + n.name() + "' (" + n.type() + "): field '"
                                + f.getKey() + "' of shape " + Arrays.toString(v.shape()) + ", but '" + from
                                + "' is of shape " + Arrays.toString(shape)
                                + (v.size() == 1 ? " (--lenient uses a one-value field for all neurons)" : ""));
                    }
                }
            }
            return shape;
        }

        /** Whether a neuron type leaks (all but the integrators IF and I). */
        static boolean leaky(String type) {
            return !type.equals("IF") && !type.equals("I");
        }

        /** Checks a neuron node's fields once: required ones present (or, lenient, reported), all finite. */
        void checkFields(NirGraph.Node n) {
            String type = n.type();
            if (type.equals("Threshold")) {
                if (!n.has("threshold")) {
                    throw new IllegalArgumentException("node '" + n.name() + "' (Threshold): no field 'threshold'");
                }
                for (double x : n.field("threshold").values()) {
                    if (!Double.isFinite(x)) {
                        throw new IllegalArgumentException("node '" + n.name() + "': field 'threshold' holds " + x);
                    }
                }
                return;
            }
            boolean leaky = leaky(type);
            boolean cuba = type.startsWith("Cuba");
            boolean spiking = type.endsWith("IF");
            List<String> required = new ArrayList<>(List.of("r"));
            if (leaky) {
                required.add(cuba ? "tau_mem" : "tau");
                required.add("v_leak");
            }
            if (cuba) {
                required.addAll(List.of("tau_syn", "w_in"));
            }
            if (spiking) {
                required.add("v_threshold");
            }
            for (String field : required) {
                if (!n.has(field)) {
                    boolean defaulted = field.equals("r") || field.equals("v_leak") || field.equals("w_in");
                    if (!options.lenient() || !defaulted) {
                        throw new IllegalArgumentException("node '" + n.name() + "' (" + type + "): no field '" + field
                                + "'" + (defaulted ? ", which NIR requires (--lenient takes " + (field.equals("v_leak")
                                ? 0.0 : 1.0) + ")" : " (has " + n.fields().keySet() + ")"));
                    }
                    options.report().accept("node '" + n.name() + "': no field '" + field + "': "
                            + (field.equals("v_leak") ? 0.0 : 1.0) + " taken");
                }
            }
            for (Map.Entry<String, NirGraph.Field> f : n.fields().entrySet()) {
                for (double x : f.getValue().values()) {
                    if (!Double.isFinite(x)) {
                        throw new IllegalArgumentException("node '" + n.name() + "': field '" + f.getKey() + "' holds " + x);
                    }
                }
            }
            String tauField = cuba ? "tau_mem" : "tau";
            for (String tau : new String[] {tauField, "tau_syn"}) {
                // a time constant of a second or more and many thousand steps: likely given in steps
                if (n.has(tau) && n.field(tau).values()[0] >= 1 && n.field(tau).values()[0] / dt > 1e4
                        && (leaky || tau.equals("tau_syn"))) {
                    options.report().accept("node '" + n.name() + "': " + tau + " " + n.field(tau).values()[0] + " s is "
                            + Math.round(n.field(tau).values()[0] / dt) + " steps of " + dt + " s; if the file gives time"
                            + " in steps (as Rockpool and Sinabs may), run it with --dt 1");
                    break;
                }
            }
        }

        /** The model of neuron j of a neuron node (fields checked by {@link #checkFields}). */
        CubaLif neuron(NirGraph.Node n, int j) {
            String type = n.type();
            if (type.equals("Threshold")) {
                // H(x - threshold) of this step's input alone: Euler with tau_mem = dt has no memory (beta 0)
                return CubaLif.builder().tauMemSeconds(dt).tauSynSeconds(0).vLeak(0).vThreshold(value(n, "threshold", j, 0))
                        .vReset(0).refractorySeconds(0).resistance(1).discretisation(Discretisation.EULER).build();
            }
            boolean leaky = leaky(type);
            boolean cuba = type.startsWith("Cuba");
            boolean spiking = type.endsWith("IF");
            CubaLif.Builder m = CubaLif.builder()
                    .tauMemSeconds(leaky ? value(n, cuba ? "tau_mem" : "tau", j, 0) : Double.POSITIVE_INFINITY)
                    .tauSynSeconds(cuba ? value(n, "tau_syn", j, 0) : 0)
                    .vLeak(leaky ? value(n, "v_leak", j, 0) : 0)
                    .vThreshold(spiking ? value(n, "v_threshold", j, 0) : Double.POSITIVE_INFINITY)
                    .vReset(spiking ? value(n, "v_reset", j, 0) : 0)
                    .refractorySeconds(metadata(n, "refractory_s", 0))
                    .biasCurrent(metadata(n, "bias_current", 0))
                    .resistance(value(n, "r", j, 1)).discretisation(discretisation(n));
            Reset reset = options.reset();
            if (reset == Reset.FILE) {
                String mode = n.metadata().getOrDefault("reset_mode", n.metadata().getOrDefault("reset_mechanism", "value"));
                reset = switch (mode) {
                    case "subtract" -> Reset.SUBTRACT;
                    case "value", "zero", "to_value" -> Reset.VALUE;
                    default -> throw new IllegalArgumentException("node '" + n.name() + "': metadata reset_mode '"
                            + mode + "': expected value or subtract");
                };
            }
            try {
                if (spiking && reset != Reset.VALUE) {
                    m.resetMode(ResetMode.SUBTRACT);
                    if (reset == Reset.SUBTRACT_NEXT) {
                        // subtracting v_th / beta now decays to v_th subtracted at the next update
                        double beta = new org.snn4j.model.LifPropagators(m.build(), dt).beta;
                        double th = value(n, "v_threshold", j, 0);
                        m.vReset(th - th / beta);
                    }
                }
                return m.build();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("node '" + n.name() + "' (" + type + "): " + e.getMessage(), e);
            }
        }

        /** A number from snn4j's metadata of the node, or {@code otherwise}. */
        static double metadata(NirGraph.Node n, String key, double otherwise) {
            String v = n.metadata().get(key);
            if (v == null) {
                return otherwise;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("node '" + n.name() + "': metadata " + key + " '" + v
                        + "': not a number");
            }
        }

        /** The options' discretisation, or the node's snn4j metadata's (exact where it has none). */
        Discretisation discretisation(NirGraph.Node n) {
            if (options.discretisation() != null) {
                return options.discretisation();
            }
            String d = n.metadata().getOrDefault("discretisation", "exact");
            return switch (d) {
                case "exact" -> Discretisation.EXACT;
                case "euler" -> Discretisation.EULER;
                default -> throw new IllegalArgumentException("node '" + n.name() + "': metadata discretisation '" + d
                        + "': expected exact or euler");
            };
        }

        /** The jump one spike through a unit weight causes at neuron j of node t (see the class comment). */
        double jump(NirGraph.Node t, int j) {
            return NirNetworks.jump(t.type(), value(t, "r", j, 1), value(t, t.type().startsWith("Cuba") ? "tau_syn" : "tau",
                    j, 1), value(t, "w_in", j, 1), discretisation(t), dt);
        }

        static double value(NirGraph.Node n, String field, int j, double otherwise) {
            if (!n.has(field)) {
                return otherwise;
            }
            double[] v = n.field(field).values();
            return v.length == 1 ? v[0] : v[j];
        }
    }

    /**
     * The edges ("a->b") that close a cycle: by a depth-first walk from the graph's inputs in edge
     * order, an edge back to a node on the walk's path. The nodes the walk reaches go to {@code reached}
     * in the order it reaches them.
     */
    static Set<String> backEdges(NirGraph graph, List<String> reached) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Set<String> fed = new HashSet<>();
        for (NirGraph.Edge e : graph.edges()) {
            out.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(e.target());
            fed.add(e.target());
        }
        Set<String> back = new HashSet<>();
        Set<String> done = new HashSet<>();
        for (NirGraph.Node n : graph.nodes().values()) {
            if (n.type().equals("Input") && !fed.contains(n.name())) { // the graph's own inputs
                walk(n.name(), out, new HashSet<>(), done, back, null, reached);
            }
        }
        return back;
    }

    private static void walk(String n, Map<String, List<String>> out, Set<String> path, Set<String> done,
            Set<String> back, String from, List<String> reached) {
        if (path.contains(n)) {
            back.add(from + "->" + n);
            return;
        }
        if (!done.add(n)) {
            return;
        }
        reached.add(n);
        path.add(n);
        for (String t : out.getOrDefault(n, List.of())) {
            walk(t, out, path, done, back, n, reached);
        }
        path.remove(n);
    }

    /** The linear nodes' operators. */
    static final class Operators {
        private Operators() {
        }

        static Operator of(NirGraph.Node n, int[] in, double dt, Options options) {
            int inSize = size(in);
            return switch (n.type()) {
                case "Input", "Output", "Flatten" -> {
                    int[] out = n.type().equals("Flatten") ? flatten(n, in) : in;
                    yield simple(out, null, (k, s) -> s.accept(k, 1, 0));
                }
                case "Affine", "Linear" -> {
                    if (n.type().equals("Affine") && !n.has("bias")) {
                        if (!options.lenient()) {
                            throw new IllegalArgumentException("node '" + n.name() + "' (Affine): no field 'bias', which"
                                    + " NIR requires (--lenient takes 0)");
                        }
                        options.report().accept("node '" + n.name() + "': no field 'bias': 0 taken");
                    }
                    yield affine(n, in, inSize, options);
                }
                case "Scale" -> {
                    double[] scale = sized(n, "scale", inSize);
                    yield simple(in, null, (k, s) -> s.accept(k, scale[k], 0));
                }
                case "Delay" -> {
                    double[] delay = sized(n, "delay", inSize);
                    int[] steps = new int[inSize];
                    for (int k = 0; k < inSize; k++) {
                        double x = delay[k] / dt;
                        steps[k] = (int) Math.round(x);
                        if (!(x >= 0) || steps[k] > Delays.MAX_STEPS) {
                            throw new IllegalArgumentException("node '" + n.name() + "': field 'delay' holds " + delay[k]
                                    + " s, " + x + " steps of " + dt + " s (0 to " + Delays.MAX_STEPS + " steps)");
                        }
                        if (Math.abs(x - steps[k]) > 1e-6 * Math.max(1, x)) {
                            if (!options.lenient()) {
                                throw new IllegalArgumentException("node '" + n.name() + "': field 'delay' holds "
                                        + delay[k] + " s, not a whole number of steps of " + dt + " s (--lenient rounds"
                                        + " it)");
                            }
                            options.report().accept("node '" + n.name() + "': delay " + delay[k] + " s rounded to "
                                    + steps[k] + " steps");
                        }
                    }
                    yield simple(in, null, (k, s) -> s.accept(k, 1, steps[k]));
                }
                case "Conv1d", "Conv2d" -> NirConvolutions.convolution(n, in);
                case "SumPool2d", "AvgPool2d" -> NirConvolutions.pool(n, in);
                default -> throw new IllegalStateException(n.type());
            };
        }

        interface Outputs {
            void outputs(int k, Sink s);
        }

        static Operator simple(int[] out, double[] bias, Outputs f) {
            return new Operator() {
                @Override
                public int[] outShape() {
                    return out;
                }

                @Override
                public void outputs(int k, Sink sink) {
                    f.outputs(k, sink);
                }

                @Override
                public double[] bias() {
                    return bias;
                }
            };
        }

        static double[] sized(NirGraph.Node n, String field, int size) {
            NirGraph.Field f = n.field(field);
            if (f.size() != size) {
                throw new IllegalArgumentException("node '" + n.name() + "' (" + n.type() + "): field '" + field
                        + "' of shape " + Arrays.toString(f.shape()) + ", expected " + size + " values");
            }
            return finite(n, field, f.values());
        }

        static double[] finite(NirGraph.Node n, String field, double[] v) {
            for (double x : v) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("node '" + n.name() + "': field '" + field + "' holds " + x);
                }
            }
            return v;
        }

        static Operator affine(NirGraph.Node n, int[] in, int m, Options options) {
            NirGraph.Field weight = n.field("weight");
            int[] shape = weight.shape();
            double[] w = finite(n, "weight", weight.values());
            if (shape.length != 2 || shape[1] != m) {
                if (shape.length == 2 && shape[0] == m && options.lenient()) {
                    options.report().accept("node '" + n.name() + "': weight of shape " + Arrays.toString(shape)
                            + " transposed to fit its " + m + " inputs");
                    w = transpose(w, shape[0], shape[1]);
                    shape = new int[] {shape[1], shape[0]};
                } else {
                    throw new IllegalArgumentException("node '" + n.name() + "' (" + n.type() + "): weight of shape "
                            + Arrays.toString(weight.shape()) + ", expected [outputs, " + m + "] for its input of shape "
                            + Arrays.toString(in) + (shape.length == 2 && shape[0] == m
                            ? " (it fits transposed: --lenient transposes it)" : ""));
                }
            }
            int rows = shape[0];
            double[] bias = null;
            if (n.type().equals("Affine") && n.has("bias")) {
                bias = sized(n, "bias", rows);
            }
            double[] ww = w;
            return simple(new int[] {rows}, bias, (k, s) -> {
                for (int j = 0; j < rows; j++) {
                    s.accept(j, ww[j * m + k], 0);
                }
            });
        }

        static double[] transpose(double[] w, int rows, int cols) {
            double[] t = new double[w.length];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    t[c * rows + r] = w[r * cols + c];
                }
            }
            return t;
        }

        /** NIR's Flatten of dimensions start_dim..end_dim (negative from the end) of the input shape. */
        static int[] flatten(NirGraph.Node n, int[] in) {
            int start = n.has("start_dim") ? (int) n.field("start_dim").values()[0] : 0;
            int end = n.has("end_dim") ? (int) n.field("end_dim").values()[0] : -1;
            start = start < 0 ? start + in.length : start;
            end = end < 0 ? end + in.length : end;
            if (start < 0 || end >= in.length || start > end) {
                throw new IllegalArgumentException("node '" + n.name() + "': start_dim .. end_dim out of the input's "
                        + in.length + " dimensions " + Arrays.toString(in));
            }
            int[] out = new int[in.length - (end - start)];
            int d = 0;
            for (int i = 0; i < in.length; i++) {
                if (i <= start || i > end) {
                    out[d++] = in[i];
                } else {
                    out[d - 1] *= in[i];
                }
            }
            return out;
        }
    }
}
