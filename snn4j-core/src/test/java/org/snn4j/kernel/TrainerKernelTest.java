package org.snn4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snn4j.model.CubaLif;
import org.snn4j.model.ResetMode;

/**
 * The trainers' forms of the kernel against the engines': the recording step is {@link LifStep#integrate}'s
 * one-port step with the bias as external drive, bit for bit, and a dense arrival row is {@link LifStep#arrive}
 * neuron by neuron.
 */
class TrainerKernelTest {
    private static StepConstants constants(double tauSyn, ResetMode mode) {
        CubaLif lif = CubaLif.builder().tauMemSeconds(-1e-3 / Math.log(0.9)).tauSynSeconds(tauSyn).vLeak(0).vThreshold(1)
                .vReset(0).resetMode(mode).refractorySeconds(0).resistance(1).build();
        return new StepConstants(lif, 1e-3);
    }

    private static float[] randoms(SplittableRandom rng, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (scale * (rng.nextDouble() * 2 - 1));
        }
        return x;
    }

    @ParameterizedTest(name = "tau_syn={0} bias={1} seed={2}")
    @CsvSource({"0, false, 1", "0, true, 2", "5e-3, false, 3", "5e-3, true, 4"})
    void theRecordingStepIsTheEnginesStepBitForBit(double tauSyn, boolean withBias, long seed) {
        StepConstants c = constants(tauSyn, ResetMode.SUBTRACT);
        int n = 97;
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = randoms(rng, n, 1.5);
        float[] cur = randoms(rng, n, 0.5);
        float[] bias = withBias ? randoms(rng, n, 0.1) : null;
        float[] v2 = v.clone();
        float[][] cur2 = {cur.clone()};
        float[] x = new float[3 * n];
        for (int step = 0; step < 20; step++) {
            float[] a = randoms(rng, n, 1.0);
            float[][] a2 = {a.clone()};
            LifStep.integrateRecording(n, c, v, cur, a, bias, x, n);
            LifStep.integrate(0, n, c, v2, cur2, a2, bias, null);
            assertArrayEquals(v2, v, "V at step " + step);
            assertArrayEquals(cur2[0], cur, "I at step " + step);
            for (int j = 0; j < n; j++) {
                // what the step recorded is the current it integrated: I' = alpha c exactly
                assertEquals(cur[j], c.alpha(0) * x[n + j], "c_0 of neuron " + j);
            }
        }
    }

    @ParameterizedTest(name = "tau_syn={0}")
    @CsvSource({"0", "5e-3"})
    void aDenseArrivalRowIsTheArrivalNeuronByNeuron(double tauSyn) {
        StepConstants c = constants(tauSyn, ResetMode.TO_VALUE);
        int n = 53;
        SplittableRandom rng = new SplittableRandom(9);
        float[] w = randoms(rng, 3 * n, 0.7);
        float[] v = randoms(rng, n, 1.0);
        float[] cur = tauSyn == 0 ? new float[n] : randoms(rng, n, 0.3);
        float[] gate = new float[n];
        gate[4] = Float.NEGATIVE_INFINITY;
        float[] v2 = v.clone();
        float[] cur2 = cur.clone();
        float top = LifStep.arriveRow(c, w, n, n, v, cur, gate);
        float expected = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            LifStep.arrive(c, 0, w[n + j], v2, cur2, j, false);
            expected = Math.max(expected, v2[j] + gate[j]);
        }
        assertArrayEquals(v2, v);
        assertArrayEquals(cur2, cur);
        assertEquals(expected, top);
        float[] held = {0.25f};
        float[] heldCur = {0f};
        LifStep.arrive(c, 0, 2f, held, heldCur, 0, true);
        assertEquals(0.25f, held[0], "a neuron that fired or is held takes the current only");
        assertEquals(c.alpha(0) * 2f, heldCur[0]);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"SUBTRACT, 1.375, 0.375, 0.875", "TO_VALUE, 1.375, 0, 0.6875"})
    void resets(ResetMode mode, float u, float after, float afterHalfSpike) {
        StepConstants c = constants(0, mode);
        assertEquals(after, LifStep.afterSpike(c, u));
        assertEquals(afterHalfSpike, LifStep.afterSmoothSpike(c, u, 0.5f), 1e-7);
        assertEquals(LifStep.afterSpike(c, u), LifStep.afterSmoothSpike(c, u, 1f), 1e-7, "s = 1 is the spike's reset");
    }
}
