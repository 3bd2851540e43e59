package org.snn4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snn4j.engine.Engines;
import org.snn4j.engine.Monitor;
import org.snn4j.engine.RunResult;
import org.snn4j.model.CubaLif;
import org.snn4j.model.Network;
import org.snn4j.reference.SparseActivity;

/** The closed-form catch-up against stepping, and the engine that uses it against the clock engine. */
class ClosedFormTest {
    @ParameterizedTest(name = "tau_mem={0} tau_syn={1},{2} ext={3}")
    @CsvSource({"10e-3, 2e-3, 5e-3, 0", "20e-3, 0, 5e-3, 0.3", "5e-3, 5e-3, 5e-3, -0.2", "20e-3, 20e-3, 1e-3, 0"})
    void closedFormEqualsSteppingKTimes(double tauMem, double tauSyn0, double tauSyn1, double ext) {
        CubaLif model = CubaLif.builder().tauMemSeconds(tauMem).tauSynSeconds(tauSyn0, tauSyn1).vLeak(-0.065)
                .vThreshold(10).vReset(-0.07).refractorySeconds(0).resistance(100e6).build();
        StepConstants c = new StepConstants(model, 1e-4);
        float[] extDrive = ext == 0 ? null : new float[] {(float) ext * 1e-3f};
        for (int k = 1; k <= 1000; k++) {
            float[] v = {-0.05f};
            float[][] cur = {{2e-9f}, {-1e-9f}};
            int[] ref = {0};
            for (int s = 0; s < k; s++) {
                LifStep.integrateOne(0, c, v, cur, null, extDrive, ref);
            }
            float[] w = {-0.05f};
            float[][] cw = {{2e-9f}, {-1e-9f}};
            LifStep.integrateClosedForm(0, c, w, cw, null, extDrive, new int[] {0}, new float[1], k);
            assertEquals(v[0], w[0], 1e-6 * Math.max(1, Math.abs(v[0])), "V after " + k + " steps");
            for (int p = 0; p < 2; p++) {
                assertEquals(cur[p][0], cw[p][0], 1e-5 * Math.abs(cur[p][0]) + 1e-30, "I_" + p + " after " + k + " steps");
            }
        }
    }

    /**
     * n steps at once from a refractory state (50 steps left), arrivals at the last: V held through
     * the refractory steps, then free; the currents as after n float steps.
     */
    @ParameterizedTest(name = "tau_syn={0},{1}")
    @CsvSource({"2e-3, 5e-3", "0, 1e-3", "20e-3, 20e-3"})
    void refractoryThenFreeStepsWithArrivalsAtTheLastEqualStepping(double tauSyn0, double tauSyn1) {
        CubaLif model = CubaLif.builder().tauMemSeconds(10e-3).tauSynSeconds(tauSyn0, tauSyn1).vLeak(-0.065)
                .vThreshold(10).vReset(-0.07).refractorySeconds(5e-3).resistance(100e6).build();
        StepConstants c = new StepConstants(model, 1e-4);
        for (int n = 1; n <= 120; n++) {
            float[] v = {-0.07f};
            float[][] cur = {{2e-9f}, {-1e-9f}};
            int[] ref = {50};
            for (int s = 1; s <= n; s++) {
                float[][] arrivals = {{s == n ? 3e-9f : 0f}, {s == n ? -2e-9f : 0f}};
                LifStep.integrateOne(0, c, v, cur, arrivals, null, ref);
            }
            float[] w = {-0.07f};
            float[][] cw = {{2e-9f}, {-1e-9f}};
            int[] rw = {50};
            float[][] arrivals = {{3e-9f}, {-2e-9f}};
            boolean above = LifStep.integrateClosedForm(0, c, w, cw, arrivals, null, rw, new float[] {-0.07f}, n);
            assertFalse(above, "refractory or below threshold");
            assertEquals(ref[0], rw[0], "refractory steps left after " + n);
            assertEquals(v[0], w[0], 1e-6, "V after " + n + " steps");
            assertEquals(0f, arrivals[0][0] + arrivals[1][0], 0f, "the arrivals are consumed");
            for (int p = 0; p < 2; p++) {
                assertEquals(cur[p][0], cw[p][0], 1e-5 * Math.abs(cur[p][0]) + 1e-30, "I_" + p + " after " + n);
            }
        }
    }

    /**
     * The crossing search against the clock engine on one neuron hit by one spike of weight w, for
     * weights around the one whose PSP peak just reaches threshold (0.11215, 0.030000131 and 0.0600006
     * for tau_syn = 2, 20 and 5 ms: a crossing early, late at the peak, or none), then for two spikes
     * five steps apart.
     */
    @ParameterizedTest(name = "tau_syn={0} w={1}")
    @CsvSource({"2e-3, 0.2", "2e-3, 0.12", "2e-3, 0.11216", "2e-3, 0.11214", "2e-3, 0.05", "20e-3, 0.0300002",
        "20e-3, 0.0300001", "20e-3, 0.05", "5e-3, 0.5", "5e-3, 0.06001"})
    void theSearchedCrossingIsTheClockEngines(double tauSyn, double w) {
        CubaLif lif = CubaLif.builder().tauMemSeconds(10e-3).tauSynSeconds(tauSyn).vLeak(0).vThreshold(15e-3)
                .vReset(0).refractorySeconds(2e-3).build();
        Network net = Network.builder()
                .source(org.snn4j.model.SpikeSource.trains("in", new int[][] {{5, 300}, {305}}))
                .population("cell", 1, lif, org.snn4j.model.InitialV.constant(0))
                .connect("in", "cell", org.snn4j.model.Connect.allToAll(), org.snn4j.model.Weights.constant(w),
                        org.snn4j.model.Delays.constantSteps(1))
                .build(1);
        RunResult clock = Engines.clock(net, 1e-4).record(Monitor.allSpikes()).run(0.08);
        RunResult closed = Engines.event(net, 1e-4).closedFormCatchUp(true).record(Monitor.allSpikes()).run(0.08);
        assertArrayEquals(clock.spikes("cell").steps(), closed.spikes("cell").steps(), "spike steps");
        // a search steps over at most a few dozen states (bisection), not over the 140 steps to a late peak
        assertTrue(closed.cost().neuronUpdates() < 120, closed.cost().neuronUpdates() + " updates");
    }

    /** The bound that lets a prediction be skipped: no later V response to a unit current exceeds the peak. */
    @ParameterizedTest(name = "tau_mem={0} tau_syn={1}")
    @CsvSource({"10e-3, 2e-3", "10e-3, 10e-3", "5e-3, 20e-3", "20e-3, 0"})
    void thePeakGainBoundsTheResponseToACurrent(double tauMem, double tauSyn) {
        CubaLif model = CubaLif.builder().tauMemSeconds(tauMem).tauSynSeconds(tauSyn).vLeak(0).vThreshold(1)
                .vReset(0).refractorySeconds(0).build();
        StepConstants c = new StepConstants(model, 1e-4);
        float[] v = {0f};
        float[][] cur = {{1f}};
        int[] ref = {0};
        double max = 0;
        for (int s = 0; s < 20_000; s++) {
            LifStep.integrateOne(0, c, v, cur, null, null, ref);
            max = Math.max(max, v[0]);
        }
        assertEquals(max, c.psc[0] * c.peakGain[0], 1e-5 * max, "the peak of the stepped response to I = 1");
    }

    /** The peak by its closed form against a scan over k, and its limits. */
    @ParameterizedTest(name = "b={0} a={1}")
    @CsvSource({"0.99, 0.95", "0.95, 0.99", "0.9, 0.9", "0.999, 0.1", "0.5, 0.49999", "0.3, 0.9999"})
    void thePeakGainIsTheMaximumOverTheSteps(double b, double a) {
        double max = 0;
        for (int k = 1; k < 200_000; k++) {
            max = Math.max(max, a == b ? k * Math.pow(b, k - 1) : (Math.pow(b, k) - Math.pow(a, k)) / (b - a));
        }
        assertEquals(max, StepConstants.peakGain(b, a), 1e-12 * max);
        assertEquals(1, StepConstants.peakGain(0.9, 0), 0.0, "delta synapse: the jump itself");
        assertEquals(10, StepConstants.peakGain(1, 0.9), 1e-9, "no leak: the summed current");
        assertEquals(Double.POSITIVE_INFINITY, StepConstants.peakGain(1, 1));
    }

    @ParameterizedTest(name = "N={0}")
    @CsvSource({"1000", "3000"})
    void onSparseActivityTheSpikesAreTheClockEnginesWithFarFewerUpdates(int n) {
        Network net = SparseActivity.network(n, 0.0005, 1);
        double dt = SparseActivity.DT_SECONDS;
        RunResult clock = Engines.clock(net, dt).record(Monitor.allSpikes()).run(0.5);
        RunResult closed = Engines.event(net, dt).closedFormCatchUp(true).record(Monitor.allSpikes()).run(0.5);
        assertTrue(clock.cost().spikes() > 100, "spikes " + clock.cost().spikes());
        for (org.snn4j.model.Population p : net.populations()) {
            String pop = p.name();
            assertArrayEquals(clock.spikes(pop).steps(), closed.spikes(pop).steps(), pop + " steps");
            assertArrayEquals(clock.spikes(pop).neurons(), closed.spikes(pop).neurons(), pop + " neurons");
        }
        assertTrue(closed.cost().neuronUpdates() * 10 < clock.cost().neuronUpdates(),
                closed.cost().neuronUpdates() + " updates against the clock engine's " + clock.cost().neuronUpdates());
    }
}
