package org.snn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.snn4j.engine.Engines;
import org.snn4j.engine.Monitor;
import org.snn4j.engine.RunResult;
import org.snn4j.engine.StateVariable;
import org.snn4j.model.Network;
import org.snn4j.model.Population;
import org.snn4j.model.Projection;
import org.snn4j.model.Discretisation;
import java.util.SplittableRandom;
import org.snn4j.model.SpikeSource;

/**
 * NIR graphs as networks with the exact discretisation: a spike's effect against the closed-form
 * solution of the continuous NIR neuron, and the shared Braille files run on both engines.
 */
class NirNetworksTest {
    private static final Path SHARED = Path.of("../../shared/nir");
    private static final double DT = 1e-4;

    private static NirGraph.Field f(double... v) {
        return new NirGraph.Field(v, new int[] {v.length});
    }

    /** Input (1) -> Affine (1x1, weight w) -> the given neuron node -> Output. */
    private static NirGraph chain(double w, NirGraph.Node neuron) {
        Map<String, NirGraph.Node> nodes = new LinkedHashMap<>();
        nodes.put("input", new NirGraph.Node("input", "Input", Map.of("shape", f(1))));
        nodes.put("fc", new NirGraph.Node("fc", "Affine", Map.of("weight", new NirGraph.Field(new double[] {w},
                new int[] {1, 1}), "bias", f(0))));
        nodes.put(neuron.name(), neuron);
        nodes.put("output", new NirGraph.Node("output", "Output", Map.of("shape", f(1))));
        return new NirGraph("1.0.0", nodes, List.of(new NirGraph.Edge("input", "fc"),
                new NirGraph.Edge("fc", neuron.name()), new NirGraph.Edge(neuron.name(), "output")));
    }

    private static float[] trace(NirGraph g, String population, int steps) {
        Network net = NirNetworks.toNetwork(g, DT, NirNetworks.Options.exact(), (name, size) -> SpikeSource.trains(name, new int[][] {{1}}), 1);
        RunResult r = Engines.clock(net, DT).record(Monitor.states(population, StateVariable.V, 0)).runSteps(steps);
        return r.state(population, StateVariable.V).of(0);
    }

    @Test
    void aSpikeIntoALifMovesVByRWOverTauAndVDecaysAsTheContinuousNeuron() {
        double tau = 0.0025;
        double r = 2.0;
        double w = 1e-4;
        NirGraph g = chain(w, new NirGraph.Node("lif", "LIF", Map.of("tau", f(tau), "r", f(r), "v_leak", f(0),
                "v_threshold", f(1))));
        float[] v = trace(g, "lif", 200);
        for (int k = 1; k <= 200; k++) {
            // the impulse at the start of step 1 (delay 0): v(t) = (r w / tau) exp(-(t - dt) / tau) at the end of step k
            double exact = r * w / tau * Math.exp(-(k - 1) * DT / tau);
            assertEquals(exact, v[k - 1], 2e-6 * exact + 1e-12, "V at step " + k);
        }
    }

    @Test
    void aSpikeIntoACubaLifFollowsTheContinuousPsp() {
        double tauMem = 0.002;
        double tauSyn = 0.0005;
        double r = 3.0;
        double wIn = 1.5;
        double w = 2e-4;
        NirGraph g = chain(w, new NirGraph.Node("cuba", "CubaLIF", Map.of("tau_mem", f(tauMem), "tau_syn", f(tauSyn),
                "r", f(r), "v_leak", f(0), "v_threshold", f(1), "w_in", f(wIn))));
        float[] v = trace(g, "cuba", 300);
        double jump = wIn * w / tauSyn; // the current's jump
        double peak = 0;
        for (int k = 1; k <= 300; k++) {
            double t = k * DT; // the impulse at the start of step 1 = t 0; step k ends at k dt
            double exact = r * jump / tauMem * (Math.exp(-t / tauSyn) - Math.exp(-t / tauMem)) / (1 / tauMem - 1 / tauSyn);
            peak = Math.max(peak, exact);
            assertEquals(exact, v[k - 1], 1e-5 * Math.abs(exact) + 1e-7 * peak, "V at step " + k);
        }
        assertTrue(peak > 1e-3, "the test must see a PSP: " + peak);
    }

    @Test
    void theNorseLifFileSpikesAtOnceOnItsInputsSpike() {
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "../shared/nir is missing");
        NirGraph g = NirFiles.read(SHARED.resolve("lif_norse.nir"));
        Network net = NirNetworks.toNetwork(g, DT, NirNetworks.Options.exact(), (name, size) -> SpikeSource.trains(name, new int[][] {{5}}), 1);
        RunResult r = Engines.clock(net, DT).record(Monitor.allSpikes()).runSteps(50);
        // weight 1 into tau 2.5 ms, r 1: a jump of 400 over the threshold of 0.1, in the spike's own step
        assertArrayEquals(new int[] {5}, r.spikes("1").steps());
    }

    @Test
    void theBrailleFilesRunAlikeOnBothEnginesWithTheirRecurrenceDelayedOneStep() {
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "../shared/nir is missing");
        for (String file : new String[] {"norse_braille.nir", "rockpool_braille.nir", "spyx_braille_subtract.nir",
            "braille_noDelay_bias_zero.nir", "braille_noDelay_noBias_subtract.nir"}) {
            NirGraph g = NirFiles.read(SHARED.resolve(file));
            Network net = NirNetworks.toNetwork(g, DT, NirNetworks.Options.exact().lenient(file.startsWith("rockpool")),
                    (name, size) -> SpikeSource.poisson(name, size, 200), 3);
            boolean recurrent = false;
            for (Projection p : net.projections()) {
                if (p.source().equals(p.target())) {
                    recurrent = true;
                    assertEquals(1, p.minDelaySteps(), file + ": " + p.label());
                } else {
                    assertEquals(0, p.maxDelaySteps(), file + ": " + p.label());
                }
            }
            assertTrue(recurrent, file + ": a recurrent projection");
            RunResult clock = Engines.clock(net, DT).record(Monitor.allSpikes()).run(0.05);
            RunResult event = Engines.event(net, DT).record(Monitor.allSpikes()).run(0.05);
            assertEquals(clock.cost().spikes(), event.cost().spikes(), file);
            for (org.snn4j.model.Population p : net.populations()) {
                assertArrayEquals(clock.spikes(p.name()).steps(), event.spikes(p.name()).steps(), file + " " + p.name());
                assertArrayEquals(clock.spikes(p.name()).neurons(), event.spikes(p.name()).neurons(), file);
            }
        }
    }

    /** Per shared file: each weight node's HDF5 path, the population (or input) it reads and the one it feeds. */
    private static final String[][][] WEIGHTS = {
        {{"lif_norse.nir"}, {"node/nodes/0", "input", "1"}},
        {{"norse_braille.nir"}, {"node/nodes/fc1", "input", "lif1.lif"}, {"node/nodes/lif1.w_rec", "lif1.lif", "lif1.lif"},
            {"node/nodes/fc2", "lif1.lif", "lif2"}},
        {{"braille_noDelay_bias_zero.nir"}, {"node/nodes/fc1", "input", "lif1.lif"},
            {"node/nodes/lif1.w_rec", "lif1.lif", "lif1.lif"}, {"node/nodes/fc2", "lif1.lif", "lif2"}},
        {{"braille_noDelay_noBias_subtract.nir"}, {"node/nodes/fc1", "input", "lif1.lif"},
            {"node/nodes/lif1.w_rec", "lif1.lif", "lif1.lif"}, {"node/nodes/fc2", "lif1.lif", "lif2"}},
        {{"spyx_braille_subtract.nir"}, {"node/nodes/fc1", "input", "lif1.lif"},
            {"node/nodes/lif1.w_rec", "lif1.lif", "lif1.lif"}, {"node/nodes/fc2", "lif1.lif", "lif2"}},
        {{"rockpool_braille.nir"}, {"node/nodes/fc1", "input", "hidden.lif"},
            {"node/nodes/hidden/nodes/lin", "hidden.lif", "hidden.lif"}, {"node/nodes/fc2", "hidden.lif", "lif2"}},
    };

    private static double[] doubles(Object data) {
        List<Double> out = new java.util.ArrayList<>();
        flat(data, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void flat(Object o, List<Double> out) {
        if (o instanceof Number n) {
            out.add(n.doubleValue());
        } else {
            for (int i = 0; i < java.lang.reflect.Array.getLength(o); i++) {
                flat(java.lang.reflect.Array.get(o, i), out);
            }
        }
    }

    @Test
    void everySharedFileMapsToTheSizesWeightsAndParametersItHolds() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "../shared/nir is missing");
        for (String[][] entry : WEIGHTS) {
            String file = entry[0][0];
            boolean rockpool = file.startsWith("rockpool");
            List<String> notes = new java.util.ArrayList<>();
            NirNetworks.Options strict = EXACT.report(notes::add);
            NirGraph g = NirFiles.read(SHARED.resolve(file));
            if (rockpool) {
                // Rockpool leaves out CubaLIF's w_in, which NIR requires: strict refuses it, lenient names it
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NirNetworks.toNetwork(g,
                        DT, strict, (name, size) -> SpikeSource.trains(name, new int[size][0]), 1));
                assertTrue(e.getMessage().contains("no field 'w_in'"), e.getMessage());
            }
            Network net = NirNetworks.toNetwork(g, DT, strict.lenient(rockpool), (name, size) -> SpikeSource.trains(name,
                    new int[size][0]), 1);
            if (rockpool) {
                assertTrue(notes.containsAll(List.of("node 'hidden.lif': no field 'w_in': 1.0 taken",
                        "node 'lif2': no field 'w_in': 1.0 taken")), notes.toString());
            }
            try (io.jhdf.HdfFile h5 = new io.jhdf.HdfFile(SHARED.resolve(file))) {
                for (int k = 1; k < entry.length; k++) {
                    String node = entry[k][0];
                    String from = entry[k][1];
                    String to = entry[k][2];
                    float[][] w = (float[][]) h5.getDatasetByPath(node + "/weight").getData();
                    String target = to.equals("hidden.lif") ? "node/nodes/hidden/nodes/lif" : "node/nodes/" + to;
                    boolean cuba = h5.getDatasetByPath(target + "/type").getData().equals("CubaLIF");
                    double[] tau = doubles(h5.getDatasetByPath(target + (cuba ? "/tau_syn" : "/tau")).getData());
                    String gainPath = target + (cuba ? "/w_in" : "/r"); // absent w_in: 1, as lenient takes it
                    double[] gain = NirFilesTest.exists(h5, gainPath) ? doubles(h5.getDatasetByPath(gainPath).getData())
                            : new double[] {1};
                    Population p = net.population(to);
                    assertEquals(w.length, p.size(), file + " " + to);
                    assertEquals(doubles(h5.getDatasetByPath(target + "/v_threshold").getData())[0],
                            p.model().vThreshold(), 0.0, file + " " + to);
                    assertEquals(doubles(h5.getDatasetByPath(target + (cuba ? "/tau_mem" : "/tau")).getData())[0],
                            p.model().tauMemSeconds(), 0.0, file + " " + to);
                    Projection proj = net.projections().stream().filter(x -> x.source().equals(from)
                            && x.target().equals(to)).findFirst().orElseThrow();
                    int count = 0;
                    for (int i = 0; i < proj.sourceSize(); i++) {
                        for (int s = proj.rowStart(i); s < proj.rowStart(i) + proj.fanOut(i); s++) {
                            int j = proj.targetOf(s);
                            double jump = gain[gain.length == 1 ? 0 : j] / tau[j];
                            assertEquals((float) (w[j][i] * jump), proj.weightOf(s), 0.0, file + " " + node + " " + i
                                    + "->" + j);
                            count++;
                        }
                    }
                    long nonZero = java.util.Arrays.stream(w).flatMapToDouble(r -> java.util.stream.IntStream
                            .range(0, r.length).mapToDouble(c -> r[c])).filter(x -> x != 0).count();
                    assertEquals(nonZero, count, file + " " + node + ": one synapse per non-zero weight");
                }
            }
        }
    }

    @Test
    void lenientModeCorrectsTransposedWeightsAndOneValueFieldsOneLineEach() {
        // Input (2) -> Linear with its weight stored [inputs, outputs] -> LIF of 3 with scalar-like fields
        Map<String, NirGraph.Node> nodes = new LinkedHashMap<>();
        nodes.put("input", new NirGraph.Node("input", "Input", Map.of("shape", f(2))));
        double[] transposed = {1, 2, 3, 4, 5, 6}; // [2][3]: weight[j][i] = transposed[i][j]
        nodes.put("fc", new NirGraph.Node("fc", "Linear", Map.of("weight", new NirGraph.Field(transposed, new int[] {2,
            3}))));
        nodes.put("lif", new NirGraph.Node("lif", "LIF", Map.of("tau", f(0.01, 0.01, 0.01), "r", f(2), "v_leak", f(0, 0, 0),
                "v_threshold", f(1, 1, 1))));
        nodes.put("output", new NirGraph.Node("output", "Output", Map.of("shape", f(3))));
        NirGraph g = new NirGraph("1.0.0", nodes, List.of(new NirGraph.Edge("input", "fc"), new NirGraph.Edge("fc", "lif"),
                new NirGraph.Edge("lif", "output")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> map(g, EXACT));
        assertTrue(e.getMessage().contains("field 'r' of shape [1]") && e.getMessage().contains("--lenient"),
                e.getMessage());
        List<String> notes = new java.util.ArrayList<>();
        Network net = map(g, EXACT.lenient(true).report(notes::add));
        assertEquals(List.of("node 'lif': field 'r' holds one value for 3 neurons: used for all",
                "node 'fc': weight of shape [2, 3] transposed to fit its 2 inputs"), notes);
        Projection p = net.projections().get(0);
        for (int i = 0; i < 2; i++) {
            for (int s = p.rowStart(i); s < p.rowStart(i) + p.fanOut(i); s++) {
                assertEquals((float) (transposed[i * 3 + p.targetOf(s)] * 2 / 0.01), p.weightOf(s), 0.0);
            }
        }
        assertEquals(6, p.synapseCount());
    }

    @Test
    void aNodeWhoseNeuronsDifferBecomesOnePopulationPerParameterSet() {
        // Input (1) -> Linear (3 x 1) -> LIF of 3: taus 0.01, 0.02, 0.01; neuron 1 also its own threshold
        Map<String, NirGraph.Node> nodes = new LinkedHashMap<>();
        nodes.put("input", new NirGraph.Node("input", "Input", Map.of("shape", f(1))));
        nodes.put("fc", new NirGraph.Node("fc", "Linear", Map.of("weight", new NirGraph.Field(new double[] {1e-4, 2e-4,
            3e-4}, new int[] {3, 1}))));
        nodes.put("lif", new NirGraph.Node("lif", "LIF", Map.of("tau", f(0.01, 0.02, 0.01), "r", f(1, 1, 1), "v_leak",
                f(0, 0, 0), "v_threshold", f(1, 2, 1))));
        // and on, from the split node: lif -> Linear (1 x 3, weights 1, 2, 3) -> out (one LIF)
        nodes.put("fc2", new NirGraph.Node("fc2", "Linear", Map.of("weight", new NirGraph.Field(new double[] {1, 2, 3},
                new int[] {1, 3}))));
        nodes.put("out", new NirGraph.Node("out", "LIF", Map.of("tau", f(0.01), "r", f(1), "v_leak", f(0),
                "v_threshold", f(1))));
        nodes.put("output", new NirGraph.Node("output", "Output", Map.of("shape", f(1))));
        NirGraph g = new NirGraph("1.0.0", nodes, List.of(new NirGraph.Edge("input", "fc"), new NirGraph.Edge("fc", "lif"),
                new NirGraph.Edge("lif", "fc2"), new NirGraph.Edge("fc2", "out"), new NirGraph.Edge("out", "output")));
        List<String> notes = new java.util.ArrayList<>();
        Network net = NirNetworks.toNetwork(g, DT, EXACT.report(notes::add), (name, size) -> SpikeSource.trains(name,
                new int[][] {{1}}), 1);
        // neuron 0 and 2 of lif are lif.p0's 0 and 1, neuron 1 is lif.p1's 0: their weights into out follow them
        for (String[] from : new String[][] {{"lif.p0", "1", "3"}, {"lif.p1", "2"}}) {
            Projection p = net.projections().stream().filter(x -> x.source().equals(from[0]) && x.target().equals("out"))
                    .findFirst().orElseThrow();
            for (int i = 0; i < p.sourceSize(); i++) {
                assertEquals(1, p.fanOut(i));
                assertEquals((float) (Double.parseDouble(from[i + 1]) / 0.01), p.weightOf(p.rowStart(i)), 0.0, from[0]);
            }
        }
        assertEquals(List.of("node 'lif': its neurons differ in parameters: 2 populations lif.p0 .. lif.p1"), notes);
        assertEquals(List.of("lif.p0", "lif.p1", "out"), net.populations().stream().map(Population::name).toList());
        assertEquals(2, net.population("lif.p0").size());
        assertEquals(0.02, net.population("lif.p1").model().tauMemSeconds());
        assertEquals(2.0, net.population("lif.p1").model().vThreshold());
        RunResult r = Engines.clock(net, DT).record(Monitor.states("lif.p0", StateVariable.V, 0, 1))
                .record(Monitor.states("lif.p1", StateVariable.V, 0)).runSteps(30);
        for (int k = 1; k <= 30; k++) {
            double[] expected = {1e-4 / 0.01 * Math.exp(-(k - 1) * DT / 0.01), 3e-4 / 0.01 * Math.exp(-(k - 1) * DT / 0.01)};
            for (int j = 0; j < 2; j++) {
                assertEquals(expected[j], r.state("lif.p0", StateVariable.V).of(j)[k - 1], 2e-6 * expected[j]);
            }
            double middle = 2e-4 / 0.02 * Math.exp(-(k - 1) * DT / 0.02);
            assertEquals(middle, r.state("lif.p1", StateVariable.V).of(0)[k - 1], 2e-6 * middle);
        }
    }

    @Test
    void aThresholdNodeFiresInEveryStepItsInputExceedsItsThreshold() {
        int m = 3;
        int n = 4;
        double[] bias = {0.1, 0, -0.2, 0.05};
        NirGraph g = layer(m, n, 1.0, 51, bias, new NirGraph.Node("th", "Threshold", Map.of("threshold",
                f(0.3, 0.3, 0.3, 0.3))));
        double[] w = g.nodes().get("fc").field("weight").values();
        double[] th = g.nodes().get("th").field("threshold").values();
        int steps = 300;
        boolean[][] in = randomSpikes(steps, m, 0.4, 52);
        for (NirNetworks.Options o : new NirNetworks.Options[] {EXACT, EULER}) {
            boolean[][] ours = spiked(run(g, o, in, "th", DT), "th", steps, n);
            int count = 0;
            for (int t = 1; t <= steps; t++) {
                double[] x = times(w, in[t], n, m);
                for (int j = 0; j < n; j++) {
                    boolean spike = x[j] + bias[j] > th[j]; // z = H(W s + b - threshold), no state
                    count += spike ? 1 : 0;
                    assertEquals(spike, ours[t][j], "neuron " + j + " at step " + t);
                }
            }
            assertTrue(count > 50 && count < steps * n - 50, "spikes " + count);
        }
    }

    @Test
    void whatIsNotHandledIsRefusedByNodeAndField() {
        Map<String, NirGraph.Node> nodes = new LinkedHashMap<>(chain(1, new NirGraph.Node("lif", "LIF", Map.of("tau",
                f(0.01), "r", f(1), "v_leak", f(0), "v_threshold", f(1)))).nodes());
        nodes.put("fc", new NirGraph.Node("fc", "Izhikevich", Map.of("a", f(1))));
        NirGraph unknown = new NirGraph("1.0.0", nodes, chain(1, nodes.get("lif")).edges());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> map(unknown, EXACT));
        assertTrue(e.getMessage().contains("'fc'") && e.getMessage().contains("Izhikevich"), e.getMessage());
        NirGraph nan = chain(1, new NirGraph.Node("lif", "LIF", Map.of("tau", f(Double.NaN), "r", f(1), "v_leak", f(0),
                "v_threshold", f(1))));
        e = assertThrows(IllegalArgumentException.class, () -> map(nan, EXACT));
        assertEquals("node 'lif': field 'tau' holds NaN", e.getMessage());
        NirGraph wide = chain(1, new NirGraph.Node("lif", "LIF", Map.of("tau", f(0.01, 0.01), "r", f(1, 1), "v_leak",
                f(0, 0), "v_threshold", f(1, 1))));
        e = assertThrows(IllegalArgumentException.class, () -> map(wide, EXACT));
        assertTrue(e.getMessage().startsWith("node 'lif': fed 1 values of shape [1], for its 2 neurons"), e.getMessage());
    }

    // ------------------------------------------------------------ the libraries' discrete updates

    private static final NirNetworks.Options EXACT = NirNetworks.Options.exact();
    private static final NirNetworks.Options EULER = EXACT.with(Discretisation.EULER);

    private static Network map(NirGraph g, NirNetworks.Options o) {
        return NirNetworks.toNetwork(g, DT, o, (name, size) -> SpikeSource.trains(name, new int[size][0]), 1);
    }

    /** Seeded input spike trains: each of n inputs spikes in a step with probability p. */
    private static boolean[][] randomSpikes(int steps, int n, double p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean[][] s = new boolean[steps + 1][n];
        for (int t = 1; t <= steps; t++) {
            for (int i = 0; i < n; i++) {
                s[t][i] = r.nextDouble() < p;
            }
        }
        return s;
    }

    private static int[][] trains(boolean[][] s) {
        int n = s[0].length;
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            int ii = i;
            out[i] = java.util.stream.IntStream.range(1, s.length).filter(t -> s[t][ii]).toArray();
        }
        return out;
    }

    /** Input (m) -> Affine (n x m) -> node -> Output, with random weights from a seed. */
    private static NirGraph layer(int m, int n, double scale, long seed, double[] bias, NirGraph.Node neuron) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[n * m];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (scale * (r.nextDouble() - 0.3));
        }
        Map<String, NirGraph.Field> affine = new LinkedHashMap<>();
        affine.put("weight", new NirGraph.Field(w, new int[] {n, m}));
        if (bias != null) {
            affine.put("bias", f(bias));
        }
        Map<String, NirGraph.Node> nodes = new LinkedHashMap<>();
        nodes.put("input", new NirGraph.Node("input", "Input", Map.of("shape", f(m))));
        nodes.put("fc", new NirGraph.Node("fc", bias == null ? "Linear" : "Affine", affine));
        nodes.put(neuron.name(), neuron);
        nodes.put("output", new NirGraph.Node("output", "Output", Map.of("shape", f(n))));
        return new NirGraph("1.0.0", nodes, List.of(new NirGraph.Edge("input", "fc"),
                new NirGraph.Edge("fc", neuron.name()), new NirGraph.Edge(neuron.name(), "output")));
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** Runs the graph on a clock engine with the given input; the spikes of pop as [step][neuron] and V traces. */
    private static RunResult run(NirGraph g, NirNetworks.Options o, boolean[][] input, String pop, double dt) {
        Network net = NirNetworks.toNetwork(g, dt, o, (name, size) -> SpikeSource.trains(name, trains(input)), 1);
        int n = net.populations().get(0).size();
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        return Engines.clock(net, dt).record(Monitor.allSpikes()).record(Monitor.states(pop, StateVariable.V, all))
                .runSteps(input.length - 1);
    }

    private static boolean[][] spiked(RunResult r, String pop, int steps, int n) {
        boolean[][] s = new boolean[steps + 1][n];
        for (int x = 0; x < r.spikes(pop).steps().length; x++) {
            s[r.spikes(pop).steps()[x]][r.spikes(pop).neurons()[x]] = true;
        }
        return s;
    }

    private static double[] times(double[] w, boolean[] s, int n, int m) {
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                x[j] += s[i] ? w[j * m + i] : 0;
            }
        }
        return x;
    }

    @Test
    void theNorseLifFileUnderAHeldCurrentFollowsTheContinuousSolutionExactly() {
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "../shared/nir is missing");
        NirGraph file = NirFiles.read(SHARED.resolve("lif_norse.nir"));
        NirGraph.Node lif = file.nodes().get("1");
        double tau = lif.field("tau").values()[0];
        double r = lif.field("r").values()[0];
        double current = 0.08; // held through the Affine's bias: r I = 0.08 stays under the threshold of 0.1
        NirGraph held = withBias(file, "0", current);
        float[] v = run(held, EXACT, new boolean[401][1], "1", DT).state("1", StateVariable.V).of(0);
        // float32 rounding: each step's error (an ulp) is carried on by beta, up to ulp / (1 - beta) in all
        double rounding = 2 * Math.ulp((float) (r * current)) / -Math.expm1(-DT / tau);
        for (int k = 1; k <= 400; k++) {
            double exact = r * current * -Math.expm1(-k * DT / tau);
            assertEquals(exact, v[k - 1], rounding, "V at step " + k);
        }
    }

    private static NirGraph withBias(NirGraph g, String affine, double bias) {
        Map<String, NirGraph.Node> nodes = new LinkedHashMap<>(g.nodes());
        NirGraph.Node a = nodes.get(affine);
        Map<String, NirGraph.Field> fields = new LinkedHashMap<>(a.fields());
        fields.put("bias", f(bias));
        nodes.put(affine, new NirGraph.Node(a.name(), a.type(), fields));
        return new NirGraph(g.version(), nodes, g.edges());
    }

    @Test
    void theNorseLifFileWithEulerIsNorsesLifBoxUpdate() {
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "../shared/nir is missing");
        NirGraph file = withBias(NirFiles.read(SHARED.resolve("lif_norse.nir")), "0", 0.03);
        NirGraph.Node lif = file.nodes().get("1");
        double tauMemInv = 1 / lif.field("tau").values()[0];
        double vTh = lif.field("v_threshold").values()[0];
        double w = file.nodes().get("0").field("weight").values()[0];
        int steps = 2000;
        boolean[][] in = randomSpikes(steps, 1, 0.3, 5);
        RunResult ours = run(file, EULER, in, "1", DT);
        float[] trace = ours.state("1", StateVariable.V).of(0);
        boolean[][] spikes = spiked(ours, "1", steps, 1);
        // norse.torch.functional.lif_box: dv = dt tau_mem_inv ((v_leak - v) + i); z = v > v_th; v = (1 - z) v + z v_reset
        double v = 0;
        int count = 0;
        for (int t = 1; t <= steps; t++) {
            double i = (in[t][0] ? w : 0) + 0.03;
            v = v + DT * tauMemInv * ((0 - v) + i);
            boolean z = v > vTh;
            v = z ? 0 : v;
            count += z ? 1 : 0;
            assertEquals(z, spikes[t][0], "spike at step " + t);
            assertEquals(v, trace[t - 1], 1e-5 * Math.abs(vTh), "V at step " + t);
        }
        assertTrue(count > 20, "the test must see spikes: " + count);
    }

    /** snnTorch's export of Leaky: tau = dt / (1 - beta), r = tau / dt, v_leak 0. */
    private static NirGraph.Node snntorchLeaky(int n, double beta, double threshold) {
        double tau = DT / (1 - beta);
        return new NirGraph.Node("lif", "LIF", Map.of("tau", f(filled(n, tau)), "r", f(filled(n, tau / DT)), "v_leak",
                f(filled(n, 0)), "v_threshold", f(filled(n, threshold))));
    }

    @Test
    void eulerReproducesSnntorchLeakyWithBothResets() {
        int m = 6;
        int n = 4;
        double beta = 0.9;
        int steps = 1000;
        NirGraph g = layer(m, n, 0.8, 11, null, snntorchLeaky(n, beta, 1.0));
        double[] w = g.nodes().get("fc").field("weight").values();
        boolean[][] in = randomSpikes(steps, m, 0.2, 12);
        for (NirNetworks.Reset reset : new NirNetworks.Reset[] {NirNetworks.Reset.VALUE, NirNetworks.Reset.SUBTRACT_NEXT}) {
            boolean[][] ours = spiked(run(g, EULER.with(reset), in, "lif", DT), "lif", steps, n);
            // snntorch.Leaky: reset = H(mem_prev - thr); "zero": mem = (1 - reset) mem; mem = beta mem + x;
            // "subtract": mem = beta mem + x - reset thr; spk = H(mem - thr)
            double[] mem = new double[n];
            int count = 0;
            for (int t = 1; t <= steps; t++) {
                double[] x = times(w, in[t], n, m);
                for (int j = 0; j < n; j++) {
                    boolean wasOver = mem[j] > 1.0;
                    if (reset == NirNetworks.Reset.VALUE) {
                        mem[j] = beta * (wasOver ? 0 : mem[j]) + x[j];
                    } else {
                        mem[j] = beta * mem[j] + x[j] - (wasOver ? 1.0 : 0);
                    }
                    boolean spk = mem[j] > 1.0;
                    count += spk ? 1 : 0;
                    assertEquals(spk, ours[t][j], reset + ": neuron " + j + " at step " + t);
                }
            }
            assertTrue(count > 50, reset + ": the test must see spikes: " + count);
        }
    }

    @Test
    void eulerReproducesSnntorchSynapticWithItsSubtractiveReset() {
        int m = 5;
        int n = 3;
        double alpha = 0.8;
        double beta = 0.9;
        double tauSyn = DT / (1 - alpha);
        double tauMem = DT / (1 - beta);
        // snnTorch's export of Synaptic: r = tau_mem / dt, w_in = tau_syn / dt
        NirGraph g = layer(m, n, 0.3, 21, null, new NirGraph.Node("cuba", "CubaLIF", Map.of("tau_syn", f(filled(n,
                tauSyn)), "tau_mem", f(filled(n, tauMem)), "r", f(filled(n, tauMem / DT)), "w_in", f(filled(n, tauSyn / DT)),
                "v_leak", f(filled(n, 0)), "v_threshold", f(filled(n, 1)))));
        double[] w = g.nodes().get("fc").field("weight").values();
        int steps = 1000;
        boolean[][] in = randomSpikes(steps, m, 0.2, 22);
        RunResult r = run(g, EULER.with(NirNetworks.Reset.SUBTRACT_NEXT), in, "cuba", DT);
        boolean[][] ours = spiked(r, "cuba", steps, n);
        // snntorch.Synaptic, reset "subtract": syn = alpha syn + x; mem = beta mem + syn - reset thr
        double[] syn = new double[n];
        double[] mem = new double[n];
        int count = 0;
        for (int t = 1; t <= steps; t++) {
            double[] x = times(w, in[t], n, m);
            for (int j = 0; j < n; j++) {
                boolean wasOver = mem[j] > 1.0;
                syn[j] = alpha * syn[j] + x[j];
                mem[j] = beta * mem[j] + syn[j] - (wasOver ? 1.0 : 0);
                boolean spk = mem[j] > 1.0;
                count += spk ? 1 : 0;
                assertEquals(spk, ours[t][j], "neuron " + j + " at step " + t);
            }
        }
        assertTrue(count > 50, "the test must see spikes: " + count);
    }

    @Test
    void anIfLayerAtDtOneIsSinabsIafWithItsSubtractiveReset() {
        int m = 4;
        int n = 3;
        double[] bias = {0.05, -0.02, 0.1};
        NirGraph g = layer(m, n, 0.6, 31, bias, new NirGraph.Node("iaf", "IF", Map.of("r", f(filled(n, 1)),
                "v_threshold", f(filled(n, 1)))));
        double[] w = g.nodes().get("fc").field("weight").values();
        int steps = 800;
        boolean[][] in = randomSpikes(steps, m, 0.25, 32);
        for (NirNetworks.Options o : new NirNetworks.Options[] {EXACT, EULER}) {
            RunResult r = run(g, o.with(NirNetworks.Reset.SUBTRACT), in, "iaf", 1.0);
            boolean[][] ours = spiked(r, "iaf", steps, n);
            float[][] v = r.state("iaf", StateVariable.V).values();
            // sinabs.layers.IAF (dt = 1 step): v = v + x + b; spike = v >= thr; v = v - spike thr
            double[] mem = new double[n];
            int count = 0;
            for (int t = 1; t <= steps; t++) {
                double[] x = times(w, in[t], n, m);
                for (int j = 0; j < n; j++) {
                    mem[j] += x[j] + bias[j];
                    boolean spk = mem[j] >= 1.0;
                    mem[j] -= spk ? 1.0 : 0;
                    count += spk ? 1 : 0;
                    assertEquals(spk, ours[t][j], o.discretisation() + ": neuron " + j + " at step " + t);
                    assertEquals(mem[j], v[j][t - 1], 1e-4, "V of neuron " + j + " at step " + t);
                }
            }
            assertTrue(count > 50, "the test must see spikes: " + count);
        }
    }

    @Test
    void leakyIntegratorsNeverFireAndFollowTheirInput() {
        double tau = 0.002;
        NirGraph g = chain(1, new NirGraph.Node("li", "LI", Map.of("tau", f(tau), "r", f(1), "v_leak", f(0))));
        Network net = NirNetworks.toNetwork(g, DT, EXACT, (name, size) -> SpikeSource.trains(name, new int[][] {{1, 2, 3,
            4, 5, 6, 7, 8, 9, 10}}), 1);
        RunResult r = Engines.clock(net, DT).record(Monitor.allSpikes()).record(Monitor.states("li", StateVariable.V, 0))
                .runSteps(50);
        assertEquals(0, r.spikes("li").steps().length);
        float[] v = r.state("li", StateVariable.V).of(0);
        double expected = 0;
        for (int k = 1; k <= 50; k++) {
            expected = expected * Math.exp(-DT / tau) + (k <= 10 ? 1 / tau : 0); // a jump of r w / tau per spike
            assertEquals(expected, v[k - 1], 1e-5 * expected, "V at step " + k);
        }
    }

    // ------------------------------------------------------------ convolutional graphs

    /** Per target neuron, the sum of the weights of the synapses from the active sources of the projection. */
    private static double[] drive(Network net, String source, String target, boolean[] active) {
        Projection p = net.projections().stream().filter(x -> x.source().equals(source) && x.target().equals(target))
                .findFirst().orElseThrow(() -> new AssertionError("no projection " + source + " -> " + target));
        double[] out = new double[p.targetSize()];
        for (int i = 0; i < p.sourceSize(); i++) {
            if (active[i]) {
                for (int s = p.rowStart(i); s < p.rowStart(i) + p.fanOut(i); s++) {
                    out[p.targetOf(s)] += p.weightOf(s);
                }
            }
        }
        return out;
    }

    /** PyTorch's conv2d of x [c][h][w] with weight [o][c][k][k], no bias. */
    private static double[][][] conv(double[][][] x, float[][][][] w, int stride, int pad) {
        int c = x.length;
        int h = x[0].length;
        int k = w[0][0].length;
        int oh = (h + 2 * pad - k) / stride + 1;
        double[][][] out = new double[w.length][oh][oh];
        for (int o = 0; o < w.length; o++) {
            for (int y = 0; y < oh; y++) {
                for (int z = 0; z < oh; z++) {
                    for (int ic = 0; ic < c; ic++) {
                        for (int a = 0; a < k; a++) {
                            for (int b = 0; b < k; b++) {
                                int yy = y * stride + a - pad;
                                int zz = z * stride + b - pad;
                                if (yy >= 0 && yy < h && zz >= 0 && zz < h) {
                                    out[o][y][z] += w[o][ic][a][b] * x[ic][yy][zz];
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static double[][][] sumPool(double[][][] x) {
        int h = x[0].length / 2;
        double[][][] out = new double[x.length][h][h];
        for (int c = 0; c < x.length; c++) {
            for (int y = 0; y < 2 * h; y++) {
                for (int z = 0; z < 2 * h; z++) {
                    out[c][y / 2][z / 2] += x[c][y][z];
                }
            }
        }
        return out;
    }

    private static double[][][] cube(boolean[] flat, int c, int h) {
        double[][][] x = new double[c][h][h];
        for (int i = 0; i < flat.length; i++) {
            x[i / (h * h)][i / h % h][i % h] = flat[i] ? 1 : 0;
        }
        return x;
    }

    private static void assertSame(double[][][] expected, double[] actual, String what) {
        int i = 0;
        double scale = 0;
        for (double[][] a : expected) {
            for (double[] b : a) {
                for (double v : b) {
                    assertEquals(v, actual[i++], 1e-5 * (1 + Math.abs(v)), what + " at " + (i - 1));
                    scale = Math.max(scale, Math.abs(v));
                }
            }
        }
        assertEquals(actual.length, i, what);
        assertTrue(scale > 0.1, what + ": the input must drive the layer");
    }

    private static boolean[] random(int n, double p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean[] b = new boolean[n];
        for (int i = 0; i < n; i++) {
            b[i] = r.nextDouble() < p;
        }
        return b;
    }

    @Test
    void theSinabsCnnExpandsItsConvolutionsPoolsAndFlattenAsADirectConvolutionDoes() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "../shared/nir is missing");
        Path file = SHARED.resolve("cnn_sinabs.nir");
        Network net = NirNetworks.toNetwork(NirFiles.read(file), 1.0, EXACT, (name, size) -> SpikeSource.poisson(name,
                size, 0.1), 1);
        float[][][][] w0;
        float[][][][] w5;
        float[][] w9;
        float[] b0;
        try (io.jhdf.HdfFile h5 = new io.jhdf.HdfFile(file)) {
            w0 = (float[][][][]) h5.getDatasetByPath("node/nodes/0/weight").getData();
            w5 = (float[][][][]) h5.getDatasetByPath("node/nodes/5/weight").getData();
            w9 = (float[][]) h5.getDatasetByPath("node/nodes/9/weight").getData();
            b0 = (float[]) h5.getDatasetByPath("node/nodes/0/bias").getData();
        }
        // input (2, 34, 34) -> Conv2d 0 (stride 2, padding 1) -> IF 1 (16, 16, 16)
        boolean[] x = random(2 * 34 * 34, 0.3, 41);
        assertSame(conv(cube(x, 2, 34), w0, 2, 1), drive(net, "input", "1", x), "conv 0");
        // IF 3 (16, 16, 16) -> SumPool2d 4 -> Conv2d 5 (padding 1) -> IF 6 (8, 8, 8)
        boolean[] y = random(16 * 16 * 16, 0.3, 42);
        assertSame(conv(sumPool(cube(y, 16, 16)), w5, 1, 1), drive(net, "3", "6", y), "pool 4 + conv 5");
        // IF 6 (8, 8, 8) -> SumPool2d 7 -> Flatten 8 -> Affine 9 -> IF 10 (256)
        boolean[] z = random(8 * 8 * 8, 0.3, 43);
        double[][][] pooled = sumPool(cube(z, 8, 8));
        double[][][] dense = new double[256][1][1];
        for (int j = 0; j < 256; j++) {
            int k = 0;
            for (double[][] c : pooled) {
                for (double[] row : c) {
                    for (double v : row) {
                        dense[j][0][0] += w9[j][k++] * v;
                    }
                }
            }
        }
        assertSame(dense, drive(net, "6", "10", z), "pool 7 + flatten 8 + affine 9");
        // the file's biases are all 0 (no current); one put in is a constant current per channel into IF 1
        assertTrue(net.analogInputs().isEmpty() && b0.length == 16);
        NirGraph g = NirFiles.read(file);
        Map<String, NirGraph.Node> nodes = new LinkedHashMap<>(g.nodes());
        Map<String, NirGraph.Field> fields = new LinkedHashMap<>(nodes.get("0").fields());
        double[] channelBias = java.util.stream.IntStream.range(0, 16).mapToDouble(c -> 0.01 * (c + 1)).toArray();
        fields.put("bias", f(channelBias));
        nodes.put("0", new NirGraph.Node("0", "Conv2d", fields));
        Network biased = NirNetworks.toNetwork(new NirGraph(g.version(), nodes, g.edges()), 1.0, EXACT,
                (name, size) -> SpikeSource.poisson(name, size, 0.1), 1);
        org.snn4j.model.AnalogInput bias = biased.analogInputs().get(0);
        assertEquals("1", bias.target());
        for (int j = 0; j < 16 * 16 * 16; j++) {
            assertEquals((float) channelBias[j / 256], bias.weight(j), 0.0, "bias of neuron " + j);
        }
        assertEquals(List.of("1", "3", "6", "10", "12"), net.populations().stream().map(p -> p.name()).toList());
    }

    @Test
    void theSinabsCnnRunsAlikeOnBothEngines() {
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "../shared/nir is missing");
        NirGraph g = NirFiles.read(SHARED.resolve("cnn_sinabs.nir"));
        for (NirNetworks.Options o : new NirNetworks.Options[] {EXACT, EULER}) {
            Network net = NirNetworks.toNetwork(g, 1.0, o.with(NirNetworks.Reset.SUBTRACT), (name, size) ->
                    SpikeSource.poisson(name, size, 0.2), 7);
            RunResult clock = Engines.clock(net, 1.0).record(Monitor.allSpikes()).runSteps(40);
            RunResult event = Engines.event(net, 1.0).record(Monitor.allSpikes()).runSteps(40);
            assertTrue(clock.spikes("12").steps().length > 0, "the output layer must spike");
            for (org.snn4j.model.Population p : net.populations()) {
                assertArrayEquals(clock.spikes(p.name()).steps(), event.spikes(p.name()).steps(), p.name());
                assertArrayEquals(clock.spikes(p.name()).neurons(), event.spikes(p.name()).neurons(), p.name());
            }
        }
    }
}
