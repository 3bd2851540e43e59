package org.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.snn4j.model.Connect;
import org.snn4j.model.CubaLif;
import org.snn4j.model.Delays;
import org.snn4j.model.FineStepReference;
import org.snn4j.model.InitialV;
import org.snn4j.model.Network;
import org.snn4j.model.Port;
import org.snn4j.model.SpikeSource;
import org.snn4j.model.Weights;

class SynapticInputTest {
    private static final double DT = Fixtures.DT;

    /** Difference-of-exponentials PSP of a unit current jump, or its t exp(-t/tau) limit. */
    static double psp(double t, double tauM, double tauS, double r) {
        if (tauM == tauS) {
            return r * (t / tauM) * Math.exp(-t / tauM);
        }
        return r * tauS / (tauS - tauM) * (Math.exp(-t / tauS) - Math.exp(-t / tauM));
    }

    @ParameterizedTest(name = "tauM={0} tauS={1}")
    @CsvSource({"20e-3, 5e-3", "10e-3, 10e-3", "5e-3, 8e-3"})
    void oneSpikeGivesTheAnalyticPostsynapticPotentialAtEveryStep(double tauM, double tauS) {
        double w = 2e-3;
        double r = 1.5;
        CubaLif model = CubaLif.builder().tauMemSeconds(tauM).tauSynSeconds(tauS).vLeak(0).vThreshold(1).vReset(0)
                .resistance(r).build();
        Network net = Network.builder()
                .source(SpikeSource.trains("in", new int[][] {{1}}))
                .population("n", 1, model, InitialV.constant(0))
                .connect("in", "n", Connect.allToAll(), Weights.constant(w), Delays.constantSteps(1))
                .build(1);
        RunResult res = Engines.clock(net, DT).record(Monitor.states("n", StateVariable.V, 0))
                .record(Monitor.states("n", StateVariable.current(0), 0)).run(0.1);
        float[] v = res.state("n", StateVariable.V).of(0);
        float[] i = res.state("n", StateVariable.current(0)).of(0);
        double peak = 0;
        for (int k = 1; k < 1000; k++) {
            peak = Math.max(peak, w * psp(k * DT, tauM, tauS, r));
        }
        assertEquals(0f, v[0], "nothing arrives at step 1");
        // The spike of step 1 over delay 1 arrives at step 2: the current jumps at the start of step 2,
        // time 1 dt, and V follows the PSP from there.
        for (int k = 2; k <= v.length; k++) {
            double t = (k - 1) * DT;
            assertEquals(w * psp(t, tauM, tauS, r), v[k - 1], 2e-6 * peak + 1e-12, "V at step " + k);
            assertEquals(w * Math.exp(-t / tauS), i[k - 1], 1e-6 * w, "I at step " + k);
        }
    }

    /** tau_syn = 0 is a delta synapse: V jumps by w in the arrival step, then decays by beta per step. */
    @Test
    void deltaSynapseJumpsVByTheWeightAndLeavesNoCurrent() {
        double tauM = 20e-3;
        double w = 0.25;
        CubaLif model = CubaLif.builder().tauMemSeconds(tauM).tauSynSeconds(0).vLeak(0).vThreshold(1).vReset(0)
                .resistance(7).build();
        Network net = Network.builder()
                .source(SpikeSource.trains("in", new int[][] {{3}}))
                .population("n", 1, model, InitialV.constant(0))
                .connect("in", "n", Connect.allToAll(), Weights.constant(w), Delays.constantSteps(2))
                .build(1);
        RunResult res = Engines.clock(net, DT).record(Monitor.states("n", StateVariable.V, 0))
                .record(Monitor.states("n", StateVariable.current(0), 0)).runSteps(40, ProgressListener.NONE);
        float[] v = res.state("n", StateVariable.V).of(0);
        float[] i = res.state("n", StateVariable.current(0)).of(0);
        float beta = (float) Math.exp(-DT / tauM);
        float expected = 0f;
        for (int k = 1; k <= 40; k++) {
            expected = beta * expected + (k == 5 ? (float) w : 0f);
            assertEquals(expected, v[k - 1], "V at step " + k);
            assertEquals(0f, i[k - 1], "current at step " + k);
        }
        assertEquals(w * Math.pow(beta, 35), v[39], 1e-6);
    }

    /**
     * Two ports with their own time constants, a leak towards V_leak, a bias and several spikes:
     * the engine's V agrees at every step with RK4 integration on dt/1000 substeps.
     */
    @Test
    void trajectoryAgreesWithAFineStepReference() {
        double tauM = 15e-3;
        double[] tauS = {4e-3, 9e-3};
        // near 0 V, so that float32 rounding of V (ulp 2e-10 at 3 mV) stays far below the tolerance
        double vLeak = -0.002;
        double bias = 0.003;
        CubaLif model = CubaLif.builder().tauMemSeconds(tauM).tauSynSeconds(tauS).vLeak(vLeak).vThreshold(1)
                .vReset(-1).biasCurrent(bias).build();
        int[][] trains = {{1, 31, 80}, {30, 31}};
        double[][] weights = {{2e-3}, {-1e-3}};
        Network net = Network.builder()
                .source(SpikeSource.trains("exc", new int[][] {trains[0]}))
                .source(SpikeSource.trains("inh", new int[][] {trains[1]}))
                .population("n", 1, model, InitialV.constant(0.0015))
                .connect("exc", "n", Connect.allToAll(), Weights.constant(weights[0][0]), Delays.constantSteps(2),
                        Port.of(0))
                .connect("inh", "n", Connect.allToAll(), Weights.constant(weights[1][0]), Delays.constantSteps(0),
                        Port.of(1))
                .build(1);
        int steps = 300;
        float[] v = Engines.clock(net, DT).record(Monitor.states("n", StateVariable.V, 0)).runSteps(steps,
                ProgressListener.NONE).state("n", StateVariable.V).of(0);
        // reference: arrivals at step k enter the currents at the start of step k's interval
        double refV = 0.0015;
        double[] refI = new double[2];
        int[] delays = {2, 0};
        for (int k = 1; k <= steps; k++) {
            for (int p = 0; p < 2; p++) {
                for (int s : trains[p]) {
                    if (s + delays[p] == k) {
                        refI[p] += weights[p][0];
                    }
                }
            }
            double[] a = FineStepReference.step(refV, refI[0], DT, tauM, tauS[0], vLeak, 1,
                    bias);
            // port 1 is linear too: integrate it alone and superpose its contribution (V-part only)
            double[] b = FineStepReference.step(0, refI[1], DT, tauM, tauS[1], 0, 1, 0);
            refV = a[0] + b[0];
            refI[0] = a[1];
            refI[1] = b[1];
            assertEquals(refV, v[k - 1], 2e-8, "V at step " + k);
        }
    }
}
