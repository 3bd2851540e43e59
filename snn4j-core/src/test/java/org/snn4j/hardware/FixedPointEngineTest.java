package org.snn4j.hardware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.engine.Engines;
import org.snn4j.engine.FixedPointEngine;
import org.snn4j.engine.Monitor;
import org.snn4j.engine.RunResult;
import org.snn4j.engine.StateVariable;
import org.snn4j.model.Connect;
import org.snn4j.model.CubaLif;
import org.snn4j.model.Delays;
import org.snn4j.model.InitialV;
import org.snn4j.model.Network;
import org.snn4j.model.SpikeSource;
import org.snn4j.model.Weights;

/** Networks run in a chip's integers: latency, conversion, agreement with the float run, and refusals. */
class FixedPointEngineTest {
    private static final double DT = 1e-3;

    private static CubaLif lif(double tauSyn) {
        return CubaLif.builder().tauMemSeconds(16e-3).tauSynSeconds(tauSyn).vThreshold(1).vReset(0)
                .refractorySeconds(0).build();
    }

    @Test
    void loihisDenseLayerDeliversOneStepLaterAndTheVoltageIsTheHandComputedOne() {
        Network net = Network.builder().source(SpikeSource.trains("in", new int[][] {{1}}))
                .population("n", 1, lif(0), InitialV.constant(0))
                .connect("in", "n", Connect.allToAll(), Weights.constant(0.5), Delays.constantSteps(0)).build(1);
        FixedPointEngine e = Engines.fixedPoint(net, DT, FixedPoint.Chip.LOIHI);
        RunResult r = e.record(Monitor.states("n", StateVariable.V, 0)).runSteps(4);
        FixedPoint.Neurons n = e.conversion().neurons.get(0);
        FixedPoint.Synapses s = e.conversion().synapses.get(0);
        assertEquals(4095, n.decaySyn, "a delta synapse: the current decays fully each step");
        assertEquals(Math.round(4096 * (1 - Math.exp(-DT / 16e-3))), n.decayMem);
        // threshold 2^14 << 6 = 2^20 for 1 V: w = 0.5 V is 2^19 of V, 2^13 of a_in: mantissa 128 << 6
        assertEquals(6, s.exponent);
        assertEquals(128, s.mantissa[0]);
        assertTrue(e.conversion().report.stream().anyMatch(l -> l.contains("1 synapses delivered after 1 step")),
                e.conversion().report.toString());
        float[] v = r.state("n", StateVariable.V).of(0);
        long v2 = 1 << 19;
        long v3 = LoihiLif.decay(v2, n.decayMem);
        assertArrayEquals(new float[] {0, v2, v3, LoihiLif.decay(v3, n.decayMem)}, v);
    }

    /** 40 inputs at 50 Hz into 30 neurons into 10, delays 1..5. */
    private static Network layered(CubaLif model, double w, long seed) {
        return Network.builder().source(SpikeSource.poisson("in", 40, 50))
                .population("hidden", 30, model, InitialV.constant(0))
                .population("out", 10, model, InitialV.constant(0))
                .connect("in", "hidden", Connect.probability(0.5), Weights.uniform(0, w), Delays.uniformSteps(1, 5))
                .connect("hidden", "out", Connect.probability(0.5), Weights.uniform(-w / 4, w), Delays.uniformSteps(1, 5))
                .build(seed);
    }

    private static double agreement(RunResult a, RunResult b, String pop) {
        java.util.Set<Long> x = new java.util.HashSet<>();
        for (int s = 0; s < a.spikes(pop).steps().length; s++) {
            x.add(((long) a.spikes(pop).steps()[s] << 32) | a.spikes(pop).neurons()[s]);
        }
        java.util.Set<Long> y = new java.util.HashSet<>();
        for (int s = 0; s < b.spikes(pop).steps().length; s++) {
            y.add(((long) b.spikes(pop).steps()[s] << 32) | b.spikes(pop).neurons()[s]);
        }
        java.util.Set<Long> both = new java.util.HashSet<>(x);
        both.retainAll(y);
        java.util.Set<Long> either = new java.util.HashSet<>(x);
        either.addAll(y);
        return either.isEmpty() ? 1 : (double) both.size() / either.size();
    }

    @Test
    void aLoihiRunAgreesWithTheFloatRunOnTheSameInputs() {
        Network net = layered(lif(4e-3), 0.4, 3);
        RunResult f = Engines.clock(net, DT).record(Monitor.allSpikes()).runSteps(2000);
        RunResult q = Engines.fixedPoint(net, DT, FixedPoint.Chip.LOIHI).record(Monitor.allSpikes()).runSteps(2000);
        assertArrayEquals(f.spikes("in").steps(), q.spikes("in").steps(), "the same input spikes");
        assertTrue(f.spikes("hidden").count() > 200, "spikes " + f.spikes("hidden").count());
        double a = agreement(f, q, "hidden");
        assertTrue(a > 0.7, "spike agreement of hidden " + a);
        assertEquals(f.cost().synOps(), q.cost().synOps(), 0.1 * f.cost().synOps());
    }

    @Test
    void aXyloRunAgreesWithTheFloatRunWhereTheTimeConstantsAreItsBitShifts() {
        // the taus whose decay per step is exactly Xylo's 1 - 2^-dash (as Rockpool's LIFBitshiftTorch sets them)
        double tauSyn = -DT / Math.log(1 - 1.0 / 4);
        double tauMem = -DT / Math.log(1 - 1.0 / 16);
        CubaLif m = CubaLif.builder().tauMemSeconds(tauMem).tauSynSeconds(tauSyn).vThreshold(1).vReset(0)
                .resetMode(org.snn4j.model.ResetMode.SUBTRACT).refractorySeconds(0).build();
        Network net = layered(m, 0.6, 5);
        FixedPointEngine e = Engines.fixedPoint(net, DT, FixedPoint.Chip.XYLO);
        RunResult q = e.record(Monitor.allSpikes()).runSteps(2000);
        RunResult f = Engines.clock(net, DT).record(Monitor.allSpikes()).runSteps(2000);
        assertEquals(2, e.conversion().neurons.get(0).decaySyn);
        assertEquals(4, e.conversion().neurons.get(0).decayMem);
        assertEquals(31, e.conversion().neurons.get(0).maxSpikes);
        assertEquals(1, e.conversion().neurons.get(1).maxSpikes, "out feeds nothing: a readout");
        assertTrue(f.spikes("hidden").count() > 200, "spikes " + f.spikes("hidden").count());
        // Xylo delivers without delays (inputs in their step, neurons' spikes a step later): rates agree
        double ratio = (double) q.spikes("hidden").count() / f.spikes("hidden").count();
        assertTrue(ratio > 0.8 && ratio < 1.25, "spikes float " + f.spikes("hidden").count() + ", Xylo "
                + q.spikes("hidden").count());
    }

    @Test
    void clockAndEventDrivenIntegerRunsGiveTheSameSpikesTheEventOneUpdatingFewerNeurons() {
        CubaLif xyloModel = CubaLif.builder().tauMemSeconds(-DT / Math.log(1 - 1.0 / 16))
                .tauSynSeconds(-DT / Math.log(1 - 1.0 / 4)).vThreshold(1).vReset(0)
                .resetMode(org.snn4j.model.ResetMode.SUBTRACT).refractorySeconds(0).build();
        for (FixedPoint.Chip chip : FixedPoint.Chip.values()) {
            CubaLif m = chip == FixedPoint.Chip.LOIHI ? lif(4e-3).toBuilder().refractorySeconds(2e-3).build() : xyloModel;
            // sparse input (0.5 Hz) into a recurrent layer: most neurons rest most of the time
            Network net = Network.builder().source(SpikeSource.poisson("in", 40, 0.5))
                    .population("hidden", 200, m, InitialV.constant(0))
                    .population("out", 10, m, InitialV.constant(0))
                    .connect("in", "hidden", Connect.probability(0.05), Weights.uniform(0, 30), Delays.uniformSteps(1, 5))
                    .connect("hidden", "hidden", Connect.probability(0.02), Weights.normal(1, 3),
                            Delays.uniformSteps(1, 9))
                    .connect("hidden", "out", Connect.probability(0.3), Weights.uniform(0, 8), Delays.constantSteps(1))
                    .build(11);
            RunResult clock = Engines.fixedPoint(net, DT, chip).record(Monitor.allSpikes()).runSteps(3000);
            RunResult event = Engines.fixedPointEvents(net, DT, chip).record(Monitor.allSpikes()).runSteps(3000);
            assertTrue(clock.spikes("hidden").count() > 50, chip + " spikes " + clock.spikes("hidden").count());
            for (String p : new String[] {"hidden", "out"}) {
                assertArrayEquals(clock.spikes(p).steps(), event.spikes(p).steps(), chip + " " + p);
                assertArrayEquals(clock.spikes(p).neurons(), event.spikes(p).neurons(), chip + " " + p);
            }
            assertEquals(clock.cost().synOps(), event.cost().synOps());
            assertTrue(event.cost().neuronUpdates() < clock.cost().neuronUpdates() * 3 / 4, chip + " updates "
                    + event.cost().neuronUpdates() + " of " + clock.cost().neuronUpdates());
        }
    }

    @Test
    void loihisRefractoryDelayHoldsVAtZeroWhileTheCurrentIntegrates() {
        int[] u = {0};
        int[] v = {0};
        int[] refractory = {0};
        int[] spikes = new int[1];
        int[] at = new int[3];
        int c = 0;
        for (int k = 1; k <= 12; k++) {
            // bias 256 a step, threshold 1 << 6 = 64: a spike every step without refractoriness
            if (LoihiLif.step(u, v, new int[] {k == 1 ? 1 : 0}, new int[] {256}, 4095, 0, 1, 1, spikes, refractory, 3)
                    == 1) {
                at[c++] = k;
            }
        }
        assertArrayEquals(new int[] {1, 5, 9}, at, "a spike, then 3 steps held");
    }

    @Test
    void whatAChipCannotHoldIsRefusedByName() {
        Network far = Network.builder().source(SpikeSource.trains("in", new int[][] {{1}}))
                .population("n", 1, lif(0), InitialV.constant(0))
                .connect("in", "n", Connect.allToAll(), Weights.constant(0.5), Delays.constantSteps(63)).build(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FixedPoint.convert(far, DT, FixedPoint.Chip.LOIHI));
        assertTrue(e.getMessage().contains("delay 63 steps beyond Loihi's 62") && e.getMessage().contains("'in' -> 'n'"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FixedPoint.convert(far, DT, FixedPoint.Chip.XYLO));
        assertTrue(e.getMessage().startsWith("population 'n': a delta synapse"), e.getMessage());
        // tau_mem 2^16 steps: a dash of 16, beyond Xylo's 4 bits
        Network slow = Network.builder().population("s", 1, CubaLif.builder().tauMemSeconds(65536 * DT)
                .tauSynSeconds(4e-3).refractorySeconds(0).build(), InitialV.constant(0)).build(1);
        e = assertThrows(IllegalArgumentException.class, () -> FixedPoint.convert(slow, DT, FixedPoint.Chip.XYLO));
        assertEquals("population 's': dash 16 beyond Xylo's 4 bits (tau / dt up to 2^15)", e.getMessage());
        Network twoPorts = Network.builder().population("p", 2, CubaLif.builder().tauSynSeconds(2e-3, 5e-3).build(),
                InitialV.constant(0)).build(1);
        e = assertThrows(IllegalArgumentException.class, () -> FixedPoint.convert(twoPorts, DT, FixedPoint.Chip.LOIHI));
        assertTrue(e.getMessage().startsWith("population 'p': 2 synaptic ports"), e.getMessage());
        // a large weight lowers the integer threshold so that it fits; beyond threshold 1 it is clipped, and said
        for (double big : new double[] {1e4, 1e7}) {
            Network huge = Network.builder().source(SpikeSource.trains("in", new int[][] {{1}, {2}}))
                    .population("n", 1, lif(0), InitialV.constant(0))
                    .connect("in", "n", Connect.allToAll(), Weights.array(big, 1e-4), Delays.constantSteps(1)).build(1);
            FixedPoint f = FixedPoint.convert(huge, DT, FixedPoint.Chip.LOIHI);
            // a weight of w volts is w vth / theta units of a_in, at most 255 << 7 = 32640
            int vth = big == 1e4 ? 3 : 1;
            assertEquals(vth, f.neurons.get(0).threshold);
            assertTrue(f.report.contains("population 'n': threshold " + vth + " instead of 16384 so that its largest"
                    + " weight fits the chip's weight range"), f.report.toString());
            assertEquals(big == 1e4 ? 0 : 1, f.synapses.get(0).clipped);
            assertEquals(7, f.synapses.get(0).exponent);
        }
    }
}
