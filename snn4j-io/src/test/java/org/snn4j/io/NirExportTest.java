package org.snn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.engine.Engines;
import org.snn4j.engine.Monitor;
import org.snn4j.engine.RunResult;
import org.snn4j.engine.StateVariable;
import org.snn4j.model.Connect;
import org.snn4j.model.CubaLif;
import org.snn4j.model.Delays;
import org.snn4j.model.Discretisation;
import org.snn4j.model.InitialV;
import org.snn4j.model.Network;
import org.snn4j.model.Population;
import org.snn4j.model.ResetMode;
import org.snn4j.model.SpikeSource;
import org.snn4j.model.Weights;

/** Networks out to NIR and back: the same spikes bitwise on both engines, and the same file when rewritten. */
class NirExportTest {
    private static final double DT = 1e-4;

    /** Two layers and a recurrent one: delta and current synapses, heterogeneous delays, what NIR cannot hold. */
    static Network network(Discretisation d) {
        int[][] trains = new int[20][];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < trains.length; i++) {
            trains[i] = java.util.stream.IntStream.rangeClosed(1, 1500).filter(t -> r.nextDouble() < 0.02).toArray();
        }
        CubaLif hidden = CubaLif.builder().tauMemSeconds(8e-3).tauSynSeconds(2e-3).vLeak(-0.01).vThreshold(0.012)
                .vReset(-0.002).resetMode(ResetMode.SUBTRACT).refractorySeconds(1e-3).biasCurrent(0.002).resistance(2)
                .discretisation(d).build();
        CubaLif out = CubaLif.builder().tauMemSeconds(5e-3).tauSynSeconds(0).vThreshold(0.01).refractorySeconds(0)
                .discretisation(d).build();
        double[] drive = new double[30];
        java.util.Arrays.fill(drive, 0.3);
        return Network.builder()
                .source(SpikeSource.trains("in", trains))
                .population("hidden", 30, hidden, InitialV.constant(0.004))
                .population("out", 5, out, InitialV.constant(0))
                .connect("in", "hidden", Connect.probability(0.5), Weights.uniform(0, 0.02), Delays.uniformSteps(0, 6))
                .connect("hidden", "hidden", Connect.probability(0.2), Weights.normal(0, 0.004), Delays.uniformSteps(1, 4))
                .connect("hidden", "out", Connect.allToAll(), Weights.uniform(-0.002, 0.006), Delays.uniformSteps(0, 3))
                .analogInput("hidden", drive, new double[] {0.01}, Integer.MAX_VALUE)
                .build(17);
    }

    private static Network roundTrip(Network net, Path dir, List<String> lost) throws Exception {
        Path file = dir.resolve("net.nir");
        NirFiles.write(NirExport.toGraph(net, DT, "out", lost::add), file);
        NirGraph g = NirFiles.read(file);
        return NirNetworks.toNetwork(g, DT, NirNetworks.Options.fromFile(), (name, size) -> net.sources().stream()
                .filter(s -> s.name().equals(name)).findFirst().orElseThrow(), 1);
    }

    @Test
    void aNetworkComesBackWithBitwiseTheSameSpikesAndPotentialsOnBothEngines(@TempDir Path dir) throws Exception {
        for (Discretisation d : Discretisation.values()) {
            Network net = network(d);
            List<String> lost = new ArrayList<>();
            Network back = roundTrip(net, dir, lost);
            assertTrue(lost.stream().anyMatch(l -> l.contains("subtractive reset")), lost.toString());
            assertTrue(lost.stream().anyMatch(l -> l.contains("refractory period")), lost.toString());
            for (Population p : net.populations()) {
                assertEquals(p.model(), back.population(p.name()).model().toBuilder().biasCurrent(p.model().biasCurrent())
                        .vLeak(p.model().vLeak()).build(), p.name());
                assertEquals(p.model().vInfinity(), back.population(p.name()).model().vInfinity(), 0.0);
            }
            for (boolean event : new boolean[] {false, true}) {
                RunResult a = run(net, event);
                RunResult b = run(back, event);
                assertTrue(a.spikes("hidden").count() > 100 && a.spikes("out").count() > 10, d + " spikes "
                        + a.spikes("hidden").count() + ", " + a.spikes("out").count());
                for (String p : new String[] {"hidden", "out"}) {
                    assertArrayEquals(a.spikes(p).steps(), b.spikes(p).steps(), d + " " + p);
                    assertArrayEquals(a.spikes(p).neurons(), b.spikes(p).neurons(), d + " " + p);
                }
                for (int j = 0; j < 3; j++) {
                    assertArrayEquals(a.state("hidden", StateVariable.V).of(j), b.state("hidden", StateVariable.V).of(j),
                            d + " V of hidden " + j);
                }
                assertEquals(a.cost().synOps(), b.cost().synOps(), d + " SynOps");
            }
        }
    }

    private static RunResult run(Network net, boolean event) {
        return (event ? Engines.event(net, DT) : Engines.clock(net, DT)).record(Monitor.allSpikes())
                .record(Monitor.states("hidden", StateVariable.V, 0, 1, 2)).run(0.15);
    }

    @Test
    void writeReadWriteGivesTheSameBytes(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("a.nir");
        Path second = dir.resolve("b.nir");
        NirFiles.write(NirExport.toGraph(network(Discretisation.EXACT), DT, "out", line -> { }), first);
        NirFiles.write(NirFiles.read(first), second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void aSharedFileRewrittenKeepsEveryDatasetsValuesAndTypes(@TempDir Path dir) throws Exception {
        Path shared = Path.of("../../shared/nir/braille_noDelay_bias_zero.nir");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(shared), "../shared/nir is missing");
        NirGraph g = NirFiles.read(shared);
        Path copy = dir.resolve("copy.nir");
        NirFiles.write(g, copy);
        NirGraph h = NirFiles.read(copy);
        assertEquals(g.edges(), h.edges());
        assertEquals(g.nodes().keySet(), h.nodes().keySet());
        for (NirGraph.Node n : g.nodes().values()) {
            NirGraph.Node m = h.nodes().get(n.name());
            assertEquals(n.type(), m.type());
            assertEquals(n.fields().keySet(), m.fields().keySet(), n.name());
            for (String f : n.fields().keySet()) {
                assertArrayEquals(n.field(f).values(), m.field(f).values(), 0.0, n.name() + "." + f);
                assertArrayEquals(n.field(f).shape(), m.field(f).shape(), n.name() + "." + f);
                assertEquals(n.field(f).type(), m.field(f).type(), n.name() + "." + f);
            }
        }
    }

    @Test
    void whatNirCannotHoldIsRefusedByName() {
        CubaLif twoPorts = CubaLif.builder().tauSynSeconds(2e-3, 5e-3).build();
        Network net = Network.builder().population("p", 3, twoPorts, InitialV.constant(0)).build(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NirExport.toGraph(net, DT, null, line -> { }));
        assertTrue(e.getMessage().startsWith("population 'p': 2 synaptic ports"), e.getMessage());
    }
}
