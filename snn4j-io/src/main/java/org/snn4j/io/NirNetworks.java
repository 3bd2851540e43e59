package org.snn4j.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snn4j.model.Connect;
import org.snn4j.model.CubaLif;
import org.snn4j.model.Delays;
import org.snn4j.model.InitialV;
import org.snn4j.model.Network;
import org.snn4j.model.SpikeSource;
import org.snn4j.model.Weights;

/**
 * A NIR graph as a network, with the exact discretisation: NIR's continuous-time neurons become
 * snn4j's exactly integrated ones, and NIR's spikes (Dirac impulses of area 1) their instantaneous
 * jumps. For {@code LIF} ({@code tau dv/dt = (v_leak - v) + r I}) a spike through weight w moves v by
 * {@code r w / tau}: a delta synapse of that weight. For {@code CubaLIF} ({@code tau_syn dI/dt = -I +
 * w_in x}, {@code tau_mem dv/dt = (v_leak - v) + r I}) it moves I by {@code w_in w / tau_syn}: a
 * filtered port of that weight. Reset to {@code v_reset} (0 where the file has none), no refractory
 * period. {@code Affine} / {@code Linear} nodes become projections from the node that feeds them
 * (through {@code Input} / {@code Output} pass-through nodes) to the neurons they feed, with delay 0,
 * or 1 on an edge that closes a cycle (the recurrent weights of the Braille files). An Affine bias is a
 * constant current into its targets ({@code r b} into V), for CubaLIF at its steady value
 * {@code w_in b} (its rise over tau_syn from zero at the start is not modelled). A graph {@code Input}
 * becomes a spike source the caller gives, named after the node.
 *
 * <p>Handled node types: Input, Output, Affine, Linear, LIF, CubaLIF. Others are refused by name. The
 * exporters' own discrete conventions (snnTorch, Norse, Rockpool, Sinabs, Spyx) and the forward-Euler
 * option are not built yet.
 */
public final class NirNetworks {
    private NirNetworks() {
    }

    /** Supplies the spike source of a graph input: its name and size. */
    @FunctionalInterface
    public interface Inputs {
        SpikeSource source(String name, int size);
    }

    /** The network of a graph; {@code inputs} gives the spike trains of its Input nodes. */
    public static Network toNetwork(NirGraph graph, Inputs inputs, long seed) {
        Map<String, NirGraph.Node> nodes = graph.nodes();
        Map<String, List<String>> out = new LinkedHashMap<>();
        Map<String, List<String>> in = new LinkedHashMap<>();
        for (NirGraph.Edge e : graph.edges()) {
            out.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(e.target());
            in.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(e.source());
        }
        Network.Builder b = Network.builder();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        Map<String, NirGraph.Node> neurons = new LinkedHashMap<>();
        for (NirGraph.Node n : nodes.values()) {
            switch (n.type()) {
                case "LIF", "CubaLIF" -> {
                    int size = n.field(n.type().equals("LIF") ? "tau" : "tau_mem").size();
                    b.population(n.name(), size, neuron(n), InitialV.constant(scalar(n, "v_leak", 0)));
                    sizes.put(n.name(), size);
                    neurons.put(n.name(), n);
                }
                case "Input" -> {
                    // a graph input (not a nested graph's pass-through): a spike source of the caller's
                    if (!in.containsKey(n.name())) {
                        int size = (int) n.field("shape").values()[0];
                        b.source(inputs.source(n.name(), size));
                        sizes.put(n.name(), size);
                    }
                }
                case "Output", "Affine", "Linear" -> {
                }
                default -> throw new IllegalArgumentException("node '" + n.name() + "': type " + n.type()
                        + " is not handled yet (Input, Output, Affine, Linear, LIF, CubaLIF are)");
            }
        }
        Set<String> recurrent = backEdges(graph, nodes);
        for (NirGraph.Node w : nodes.values()) {
            if (!w.type().equals("Affine") && !w.type().equals("Linear")) {
                continue;
            }
            Map<String, Boolean> fromEnds = ends(w.name(), in, nodes, sizes, true, recurrent);
            Map<String, Boolean> to = ends(w.name(), out, nodes, sizes, false, recurrent);
            if (fromEnds.size() != 1) {
                throw new IllegalArgumentException("node '" + w.name() + "': fed by " + fromEnds.keySet()
                        + ", expected one population or input");
            }
            List<String> from = List.copyOf(fromEnds.keySet());
            NirGraph.Field weight = w.field("weight");
            for (String target : to.keySet()) {
                NirGraph.Node t = nodes.get(target);
                int m = sizes.get(from.get(0));
                int n = sizes.get(target);
                if (weight.shape().length != 2 || weight.shape()[0] != n || weight.shape()[1] != m) {
                    throw new IllegalArgumentException("node '" + w.name() + "': weight of shape "
                            + java.util.Arrays.toString(weight.shape()) + ", expected [" + n + ", " + m + "] from '"
                            + from.get(0) + "' to '" + target + "'");
                }
                int[] pre = new int[m * n];
                int[] post = new int[m * n];
                double[] values = new double[m * n];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        pre[i * n + j] = i;
                        post[i * n + j] = j;
                        values[i * n + j] = weight.values()[j * m + i] * jump(t, j);
                    }
                }
                boolean back = fromEnds.get(from.get(0)) || to.get(target);
                b.connect(from.get(0), target, Connect.explicit(pre, post), Weights.array(values),
                        Delays.constantSteps(back ? 1 : 0));
                if (w.type().equals("Affine") && w.fields().containsKey("bias")) {
                    double[] bias = w.field("bias").values();
                    double[] drive = new double[n];
                    boolean any = false;
                    for (int j = 0; j < n; j++) {
                        drive[j] = bias[j] * (t.type().equals("CubaLIF") ? value(t, "w_in", j, 1) : 1);
                        any |= drive[j] != 0;
                    }
                    if (any) {
                        b.analogInput(target, drive, new double[] {1}, Integer.MAX_VALUE);
                    }
                }
            }
        }
        return b.build(seed);
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
                out.put(n.name(), (int) n.field("shape").values()[0]);
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
            if (target.type().equals("Output") && !feeding.contains(target.name())
                    && (source.type().equals("LIF") || source.type().equals("CubaLIF"))) {
                found.add(source.name());
            }
        }
        return found.size() == 1 ? found.get(0) : null;
    }

    /** The jump one spike through a unit weight causes at neuron j of node t (see the class comment). */
    private static double jump(NirGraph.Node t, int j) {
        if (t.type().equals("LIF")) {
            return value(t, "r", j, 1) / value(t, "tau", j, 1);
        }
        return value(t, "w_in", j, 1) / value(t, "tau_syn", j, 1);
    }

    private static CubaLif neuron(NirGraph.Node n) {
        // snn4j's neuron parameters are per population: a node whose values differ across neurons is refused
        boolean lif = n.type().equals("LIF");
        CubaLif.Builder m = CubaLif.builder().tauMemSeconds(uniform(n, lif ? "tau" : "tau_mem"))
                .tauSynSeconds(lif ? 0 : uniform(n, "tau_syn")).vLeak(scalar(n, "v_leak", 0))
                .vThreshold(uniform(n, "v_threshold")).vReset(scalar(n, "v_reset", 0)).refractorySeconds(0)
                .resistance(uniform(n, "r"));
        try {
            return m.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("node '" + n.name() + "': " + e.getMessage(), e);
        }
    }

    private static double uniform(NirGraph.Node n, String field) {
        double[] v = n.field(field).values();
        for (double x : v) {
            if (Double.compare(x, v[0]) != 0) {
                throw new IllegalArgumentException("node '" + n.name() + "': field '" + field + "' differs across its "
                        + v.length + " neurons (" + v[0] + ", " + x + ", ...); snn4j's neuron parameters are per"
                        + " population");
            }
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("node '" + n.name() + "': field '" + field + "' holds " + x);
            }
        }
        return v[0];
    }

    private static double scalar(NirGraph.Node n, String field, double otherwise) {
        return n.fields().containsKey(field) ? uniform(n, field) : otherwise;
    }

    private static double value(NirGraph.Node n, String field, int j, double otherwise) {
        if (!n.fields().containsKey(field)) {
            return otherwise;
        }
        double[] v = n.field(field).values();
        return v.length == 1 ? v[0] : v[j];
    }

    /**
     * The populations or graph inputs a weight node is fed by (upstream) or feeds (downstream), walking
     * through pass-through Input and Output nodes; each with whether the way there crosses one of the
     * {@code back} edges (then the projection closes a cycle and gets delay 1).
     */
    private static Map<String, Boolean> ends(String start, Map<String, List<String>> links,
            Map<String, NirGraph.Node> nodes, Map<String, Integer> sizes, boolean upstream, Set<String> back) {
        Map<String, Boolean> found = new LinkedHashMap<>();
        List<String[]> frontier = new ArrayList<>();
        for (String n : links.getOrDefault(start, List.of())) {
            frontier.add(new String[] {start, n});
        }
        Set<String> seen = new HashSet<>();
        while (!frontier.isEmpty()) {
            String[] step = frontier.remove(0);
            String n = step[1];
            String edge = upstream ? n + "->" + step[0] : step[0] + "->" + n;
            boolean crossed = back.contains(edge) || step.length > 2;
            if (!seen.add(n)) {
                continue;
            }
            String type = nodes.get(n).type();
            if ((type.equals("Input") || type.equals("Output")) && !(upstream && sizes.containsKey(n))) {
                for (String next : links.getOrDefault(n, List.of())) {
                    frontier.add(crossed ? new String[] {n, next, "crossed"} : new String[] {n, next});
                }
            } else if (sizes.containsKey(n)) {
                found.put(n, crossed);
            } else {
                throw new IllegalArgumentException("node '" + start + "': " + (upstream ? "fed by" : "feeds") + " '" + n
                        + "' (" + type + "), which is not a population");
            }
        }
        return found;
    }

    /**
     * The edges ("a->b") that close a cycle: by a depth-first walk from the graph's inputs in edge
     * order, an edge back to a node on the walk's path.
     */
    private static Set<String> backEdges(NirGraph graph, Map<String, NirGraph.Node> nodes) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (NirGraph.Edge e : graph.edges()) {
            out.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(e.target());
        }
        Set<String> fed = new HashSet<>();
        for (NirGraph.Edge e : graph.edges()) {
            fed.add(e.target());
        }
        Set<String> back = new HashSet<>();
        Set<String> done = new HashSet<>();
        for (NirGraph.Node n : nodes.values()) {
            if (n.type().equals("Input") && !fed.contains(n.name())) { // the graph's own inputs
                walk(n.name(), out, new HashSet<>(), done, back, null);
            }
        }
        return back;
    }

    private static void walk(String n, Map<String, List<String>> out, Set<String> path, Set<String> done,
            Set<String> back, String from) {
        if (path.contains(n)) {
            back.add(from + "->" + n);
            return;
        }
        if (!done.add(n)) {
            return;
        }
        path.add(n);
        for (String t : out.getOrDefault(n, List.of())) {
            walk(t, out, path, done, back, n);
        }
        path.remove(n);
    }
}
