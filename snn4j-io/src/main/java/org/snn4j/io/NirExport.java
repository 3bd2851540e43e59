package org.snn4j.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.snn4j.model.AnalogInput;
import org.snn4j.model.CubaLif;
import org.snn4j.model.Discretisation;
import org.snn4j.model.Network;
import org.snn4j.model.Population;
import org.snn4j.model.Projection;
import org.snn4j.model.ResetMode;
import org.snn4j.model.SpikeSource;

/**
 * A network as a NIR graph that {@link NirNetworks} maps back to the same network, and that the NIR
 * reference reader reads. Each spike source is an {@code Input}; each population a neuron node by its
 * model ({@code LIF}, {@code CubaLIF}, {@code IF}, {@code LI}, {@code CubaLI}, {@code I}) with its
 * parameters per neuron in float64, a bias current folded into {@code v_leak}; each projection one
 * {@code Linear} branch per distinct delay (float64 weights divided by the jump the reader multiplies
 * them by, so that they come back to the same float32 bits) followed by a {@code Delay} node of that
 * many steps, all summed at the target. A branch that closes a cycle is written one step shorter,
 * since readers give that edge one step. A constant analog input becomes the {@code bias} of an
 * {@code Affine} into its population. What NIR cannot hold (subtractive reset, refractory period,
 * initial potential, Euler discretisation, an integrator's bias) goes into the node's metadata, which
 * snn4j reads back and other tools ignore: each such loss is reported, as is what is dropped (Poisson
 * rates, time-varying inputs, per-neuron initial potentials). The time step goes into the graph's
 * metadata ({@code dt_s}), the default step when the file is read back.
 */
public final class NirExport {
    /** NIR's dense weights: a branch larger than this is refused (256 Mi entries, 2 GiB of float64). */
    static final long MAX_DENSE = 1L << 28;

    private NirExport() {
    }

    /**
     * The graph of a network at time step dt; {@code output} (or null) names the population the graph's
     * Output node reads (else every population that feeds no other gets one); {@code lost} receives one
     * line per thing other tools will not see.
     */
    public static NirGraph toGraph(Network net, double dtSeconds, String output, Consumer<String> lost) {
        Map<String, NirGraph.Node> nodes = new LinkedHashMap<>();
        for (SpikeSource s : net.sources()) {
            nodes.put(s.name(), new NirGraph.Node(s.name(), "Input", Map.of("shape", ints(s.size()))));
            if (s instanceof SpikeSource.Poisson p) {
                lost.accept("source '" + s.name() + "': its Poisson rate (" + p.rateHz() + " Hz) is not in NIR; the"
                        + " graph input is left to the reader");
            }
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (Population p : net.populations()) {
            NirGraph.Node n = neuron(p, lost);
            nodes.put(p.name(), n);
            types.put(p.name(), n.type());
        }
        Set<String> names = new HashSet<>(nodes.keySet());
        List<Branch> branches = new ArrayList<>();
        for (Projection p : net.projections()) {
            branches.addAll(branches(net, p, names, dtSeconds, lost));
        }
        biases(net, branches, nodes, names, lost);
        // which branches close a cycle: the reader's own rule, on the graph without Delay nodes
        List<NirGraph.Edge> plain = new ArrayList<>();
        for (Branch b : branches) {
            plain.add(new NirGraph.Edge(b.source, b.name));
            plain.add(new NirGraph.Edge(b.name, b.target));
        }
        Map<String, NirGraph.Node> plainNodes = new LinkedHashMap<>(nodes);
        for (Branch b : branches) {
            plainNodes.put(b.name, new NirGraph.Node(b.name, "Linear", Map.of()));
        }
        Set<String> back = NirNetworks.backEdges(new NirGraph("", plainNodes, plain), new ArrayList<>());
        List<NirGraph.Edge> edges = new ArrayList<>();
        for (Branch b : branches) {
            int delay = b.delay;
            if (back.contains(b.source + "->" + b.name) || back.contains(b.name + "->" + b.target)) {
                if (delay == 0) {
                    throw new IllegalArgumentException("projection " + b.source + " -> " + b.target + ": it closes a"
                            + " cycle with delay 0, and NIR readers give the edge that closes a cycle one step");
                }
                delay--;
            }
            nodes.put(b.name, b.node);
            edges.add(new NirGraph.Edge(b.source, b.name));
            if (delay > 0) {
                String d = unique(b.name + "_delay", names);
                double[] seconds = new double[b.targetSize];
                java.util.Arrays.fill(seconds, delay * dtSeconds);
                nodes.put(d, new NirGraph.Node(d, "Delay", Map.of("delay", new NirGraph.Field(seconds,
                        new int[] {seconds.length}))));
                edges.add(new NirGraph.Edge(b.name, d));
                edges.add(new NirGraph.Edge(d, b.target));
            } else {
                edges.add(new NirGraph.Edge(b.name, b.target));
            }
        }
        List<String> read = new ArrayList<>();
        if (output != null) {
            read.add(output);
        } else {
            Set<String> feeding = new HashSet<>();
            for (Projection p : net.projections()) {
                if (!p.source().equals(p.target())) {
                    feeding.add(p.source());
                }
            }
            for (Population p : net.populations()) {
                if (!feeding.contains(p.name())) {
                    read.add(p.name());
                }
            }
        }
        for (String pop : read) {
            String o = unique(read.size() == 1 ? "output" : "output_" + pop, names);
            nodes.put(o, new NirGraph.Node(o, "Output", Map.of("shape", ints(net.population(pop).size()))));
            edges.add(new NirGraph.Edge(pop, o));
        }
        return new NirGraph("1.0.0", nodes, edges, Map.of("dt_s", Double.toString(dtSeconds)));
    }

    /** A population's neuron node; what NIR cannot hold goes into its metadata (reported). */
    private static NirGraph.Node neuron(Population p, Consumer<String> lost) {
        CubaLif m = p.model();
        String name = p.name();
        if (m.ports() != 1) {
            throw new IllegalArgumentException("population '" + name + "': " + m.ports() + " synaptic ports"
                    + " (tau_syn " + java.util.Arrays.toString(tauSyn(m)) + " s); a NIR neuron has one");
        }
        boolean delta = m.tauSynSeconds(0) == 0;
        boolean integrator = m.tauMemSeconds() == Double.POSITIVE_INFINITY;
        boolean spiking = m.vThreshold() != Double.POSITIVE_INFINITY;
        if (integrator && !delta) {
            throw new IllegalArgumentException("population '" + name + "': a perfect integrator with a synaptic current"
                    + " (tau_syn " + m.tauSynSeconds(0) + " s) has no NIR node");
        }
        String type = delta ? (integrator ? (spiking ? "IF" : "I") : (spiking ? "LIF" : "LI"))
                : (spiking ? "CubaLIF" : "CubaLI");
        int n = p.size();
        Map<String, NirGraph.Field> f = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        // tau dV/dt = (V_leak - V) + R (I + I_bias) is the NIR neuron with v_leak = V_leak + R I_bias
        double vLeak = integrator ? m.vLeak() : m.vInfinity();
        if (!integrator) {
            f.put(type.startsWith("Cuba") ? "tau_mem" : "tau", filled(n, m.tauMemSeconds()));
            if (!delta) {
                f.put("tau_syn", filled(n, m.tauSynSeconds(0)));
            }
        }
        f.put("r", filled(n, m.resistance()));
        if (!integrator) {
            f.put("v_leak", filled(n, vLeak));
        }
        if (type.startsWith("Cuba")) {
            f.put("w_in", filled(n, 1));
        }
        if (spiking) {
            f.put("v_threshold", filled(n, m.vThreshold()));
            f.put("v_reset", filled(n, m.vReset()));
            if (m.resetMode() == ResetMode.SUBTRACT) {
                meta.put("reset_mode", "subtract");
                lost.accept("population '" + name + "': subtractive reset kept as snn4j metadata (other tools reset to"
                        + " v_reset)");
            }
        }
        if (m.refractorySeconds() > 0) {
            meta.put("refractory_s", Double.toString(m.refractorySeconds()));
            lost.accept("population '" + name + "': refractory period " + m.refractorySeconds() + " s kept as snn4j"
                    + " metadata (NIR has none)");
        }
        if (integrator && m.biasCurrent() != 0) {
            meta.put("bias_current", Double.toString(m.biasCurrent()));
            lost.accept("population '" + name + "': bias current kept as snn4j metadata (NIR's " + type + " has none)");
        }
        if (m.discretisation() == Discretisation.EULER) {
            meta.put("discretisation", "euler");
            lost.accept("population '" + name + "': forward-Euler discretisation kept as snn4j metadata (other tools"
                    + " choose their own)");
        }
        double v0 = p.initialV(0);
        boolean constant = true;
        for (int i = 1; i < n && constant; i++) {
            constant = Double.compare(p.initialV(i), v0) == 0;
        }
        if (!constant) {
            lost.accept("population '" + name + "': per-neuron initial potentials dropped (they start at v_leak)");
        } else if (Double.compare(v0, integrator ? 0 : vLeak) != 0) {
            meta.put("v_initial", Double.toString(v0));
            lost.accept("population '" + name + "': initial potential " + v0 + " kept as snn4j metadata");
        }
        return new NirGraph.Node(name, type, f, Map.of(), meta);
    }

    /** One delay's synapses of a projection: a Linear (or, with a bias, Affine) node. */
    private static final class Branch {
        final String source;
        final String target;
        final int delay;
        final int targetSize;
        final String name;
        NirGraph.Node node;

        Branch(String source, String target, int delay, int targetSize, String name, NirGraph.Node node) {
            this.source = source;
            this.target = target;
            this.delay = delay;
            this.targetSize = targetSize;
            this.name = name;
            this.node = node;
        }
    }

    private static List<Branch> branches(Network net, Projection p, Set<String> names, double dt, Consumer<String> lost) {
        if (p.port() != 0) {
            throw new IllegalArgumentException("projection " + p.label() + ": onto port " + p.port() + "; a NIR neuron"
                    + " has one input");
        }
        int m = p.sourceSize();
        int n = p.targetSize();
        if ((long) m * n > MAX_DENSE) {
            throw new IllegalArgumentException("projection " + p.label() + ": " + m + " x " + n + " weights, more than NIR's"
                    + " dense matrices can hold here (" + MAX_DENSE + ")");
        }
        Population target = net.population(p.target());
        double jump = jump(target, dt);
        TreeMap<Integer, double[]> byDelay = new TreeMap<>();
        int merged = 0;
        for (int pre = 0; pre < m; pre++) {
            for (int s = p.rowStart(pre); s < p.rowStart(pre) + p.fanOut(pre); s++) {
                double[] w = byDelay.computeIfAbsent(p.delayOf(s), d -> new double[n * m]);
                int at = p.targetOf(s) * m + pre;
                merged += w[at] != 0 ? 1 : 0;
                w[at] += p.weightOf(s) / jump;
            }
        }
        if (merged > 0) {
            lost.accept("projection " + p.label() + ": " + merged + " synapses on the same pair and delay summed into one");
        }
        List<Branch> out = new ArrayList<>();
        String base = p.source() + "_to_" + p.target();
        for (Map.Entry<Integer, double[]> e : byDelay.entrySet()) {
            String name = unique(byDelay.size() == 1 ? base : base + "_d" + e.getKey(), names);
            NirGraph.Node node = new NirGraph.Node(name, "Linear", Map.of("weight", new NirGraph.Field(e.getValue(),
                    new int[] {n, m})));
            out.add(new Branch(p.source(), p.target(), e.getKey(), n, name, node));
        }
        return out;
    }

    /** The jump {@link NirNetworks} multiplies a NIR weight by for this population's node (its w_in is 1). */
    private static double jump(Population p, double dt) {
        CubaLif m = p.model();
        String type = m.tauSynSeconds(0) == 0 ? (m.tauMemSeconds() == Double.POSITIVE_INFINITY ? "IF" : "LIF") : "CubaLIF";
        return NirNetworks.jump(type, m.resistance(), type.equals("CubaLIF") ? m.tauSynSeconds(0) : m.tauMemSeconds(), 1,
                m.discretisation(), dt);
    }

    /** Constant analog inputs as the bias of an Affine into their population. */
    private static void biases(Network net, List<Branch> branches, Map<String, NirGraph.Node> nodes, Set<String> names,
            Consumer<String> lost) {
        Map<String, double[]> bias = new LinkedHashMap<>();
        for (AnalogInput a : net.analogInputs()) {
            double c = a.length() == 0 ? 0 : a.value(0);
            boolean constant = true;
            for (int j = 1; j < a.length(); j++) {
                constant &= Double.compare(a.value(j), c) == 0;
            }
            if (!constant) {
                lost.accept("analog input into '" + a.target() + "': its time course (" + a.length() + " values) dropped;"
                        + " NIR has constant biases only");
                continue;
            }
            double[] b = bias.computeIfAbsent(a.target(), t -> new double[a.size()]);
            for (int i = 0; i < a.size(); i++) {
                b[i] += a.weight(i) * c; // a CubaLIF's w_in is 1: the bias is the steady current itself
            }
        }
        for (Map.Entry<String, double[]> e : bias.entrySet()) {
            Branch into = null;
            for (Branch b : branches) {
                if (b.target.equals(e.getKey())) {
                    into = b;
                    break;
                }
            }
            if (into == null) {
                lost.accept("analog input into '" + e.getKey() + "': no projection into it to carry a bias; dropped");
                continue;
            }
            Map<String, NirGraph.Field> f = new LinkedHashMap<>(into.node.fields());
            f.put("bias", new NirGraph.Field(e.getValue(), new int[] {e.getValue().length}));
            into.node = new NirGraph.Node(into.name, "Affine", f);
        }
    }

    private static String unique(String name, Set<String> taken) {
        String n = name;
        for (int k = 1; taken.contains(n); k++) {
            n = name + "_" + k;
        }
        taken.add(n);
        return n;
    }

    private static NirGraph.Field filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return new NirGraph.Field(a, new int[] {n});
    }

    private static NirGraph.Field ints(int size) {
        return new NirGraph.Field(new double[] {size}, new int[] {1}, NirGraph.Type.INT64);
    }

    private static double[] tauSyn(CubaLif m) {
        double[] t = new double[m.ports()];
        for (int q = 0; q < t.length; q++) {
            t[q] = m.tauSynSeconds(q);
        }
        return t;
    }
}
