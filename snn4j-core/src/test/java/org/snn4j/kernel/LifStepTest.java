package org.snn4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snn4j.model.CubaLif;
import org.snn4j.model.ResetMode;

/**
 * The engine's pass-split step (currents, integrate, threshold, refractory list) is bitwise the
 * naive loop that updates one neuron at a time exactly as {@link LifStep}'s documentation reads.
 */
class LifStepTest {

    /** The documented per-neuron update, written the obvious way. */
    private static int naiveStep(int n, StepConstants c, float[] v, float[][] cur, int[] ref, float[][] in,
            float[] ext, int[] spikes) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            float drive = 0f;
            for (int p = 0; p < c.ports; p++) {
                float x = cur[p][i] + in[p][i];
                in[p][i] = 0f;
                float term = c.psc[p] * x;
                drive = p > 0 ? drive + term : ext == null ? term : ext[i] + term;
                cur[p][i] = c.alpha[p] * x;
            }
            if (ref[i] > 0) {
                ref[i]--;
                continue;
            }
            float vNew = (c.beta * v[i] + c.restDrive) + drive;
            if (vNew > c.vThreshold) {
                v[i] = c.subtractReset ? vNew - c.resetStep : c.vReset;
                ref[i] = c.refractorySteps;
                spikes[count++] = i;
            } else {
                v[i] = vNew;
            }
        }
        return count;
    }

    @ParameterizedTest(name = "{0} ports, {1}, tRef {2} s, ext {3}, seed {4}")
    @CsvSource({"1, TO_VALUE, 2e-3, false, 1", "2, TO_VALUE, 5e-3, false, 2", "3, SUBTRACT, 1e-3, true, 3",
            "2, SUBTRACT, 0, true, 4", "1, TO_VALUE, 0, false, 5", "1, SUBTRACT, 3e-3, true, 6",
            "4, TO_VALUE, 2e-3, false, 7"})
    void passesAreBitwiseTheNaiveLoop(int ports, ResetMode mode, double tRef, boolean withExt, long seed) {
        double[] tauS = new double[ports];
        for (int p = 0; p < ports; p++) {
            tauS[p] = 2e-3 * (p + 1);
        }
        CubaLif model = CubaLif.builder().tauMemSeconds(10e-3).tauSynSeconds(tauS).vLeak(-0.06).vThreshold(-0.05)
                .vReset(-0.07).resetMode(mode).refractorySeconds(tRef).biasCurrent(0.012).build();
        StepConstants c = new StepConstants(model, 1e-4);
        int n = 301;
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v1 = new float[n];
        for (int i = 0; i < n; i++) {
            v1[i] = (float) (-0.07 + 0.02 * rng.nextDouble());
        }
        float[] v2 = v1.clone();
        float[] v3 = v1.clone();
        float[][] cur3 = new float[ports][n];
        float[][] in3 = new float[ports][n];
        int[] ref3 = new int[n];
        float[] held3 = new float[n];
        float[][] cur1 = new float[ports][n];
        float[][] cur2 = new float[ports][n];
        float[][] in1 = new float[ports][n];
        float[][] in2 = new float[ports][n];
        int[] ref1 = new int[n];
        int[] ref2 = new int[n];
        float[] heldV = new float[n];
        float[] drive = new float[n];
        float[] ext = withExt ? new float[n] : null;
        int[] s1 = new int[n];
        int[] s2 = new int[n];
        RefractoryList list = new RefractoryList(n);
        long spikes = 0;
        for (int k = 0; k < 2000; k++) {
            for (int e = 0; e < 40; e++) {
                int p = rng.nextInt(ports);
                int i = rng.nextInt(n);
                float w = (float) ((rng.nextDouble() - 0.3) * 0.02);
                in1[p][i] += w;
                in2[p][i] += w;
                in3[p][i] += w;
            }
            if (ext != null && k % 100 == 0) {
                for (int i = 0; i < n; i++) {
                    ext[i] = (float) (0.001 * rng.nextDouble());
                }
            }
            int c1 = naiveStep(n, c, v1, cur1, ref1, in1, ext, s1);
            LifStep.integrate(0, n, c, v2, cur2, in2, ext, drive);
            int c2 = LifStep.threshold(0, n, c, v2, ref2, s2, 0);
            list.restore(v2, ref2, heldV);
            list.add(s2, c2, c.refractorySteps, v2, ref2, heldV);
            int c3 = 0;
            int[] s3 = new int[n];
            for (int i = 0; i < n; i++) {
                if (LifStep.advanceOne(i, c, v3, cur3, in3, ext, ref3, held3)) {
                    s3[c3++] = i;
                }
            }
            assertArrayEquals(java.util.Arrays.copyOf(s1, c1), java.util.Arrays.copyOf(s2, c2), "spikes at step " + k);
            assertArrayEquals(java.util.Arrays.copyOf(s1, c1), java.util.Arrays.copyOf(s3, c3), "one-neuron spikes at " + k);
            assertArrayEquals(v1, v3, "one-neuron V at step " + k);
            assertArrayEquals(ref1, ref3, "one-neuron refractory at step " + k);
            assertArrayEquals(v1, v2, "V at step " + k);
            assertArrayEquals(ref1, ref2, "refractory counters at step " + k);
            for (int p = 0; p < ports; p++) {
                assertArrayEquals(cur1[p], cur2[p], "current of port " + p + " at step " + k);
            }
            spikes += c1;
        }
        assertTrue(spikes > 500, "the test must exercise spikes and refractoriness: " + spikes);
    }
}
