package org.snn4j.hardware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loihi's LIF in integers: the test vectors of Lava's bit-accurate LIF tests
 * ({@code tests/lava/proc/lif/test_models.py}, {@code TestLIFProcessModelsFixed}), hand-computed wrap and
 * saturation at the limits, and 10^4 random steps against an independent long-arithmetic reference.
 */
class LoihiLifTest {
    /** Runs one neuron for the given steps with a_in at step 1 only; returns u or v per step. */
    private static int[] run(int steps, int aIn1, int du, int dv, int mant, int exp, int vth, boolean voltage,
            int[] spikesAt) {
        int[] u = {0};
        int[] v = {0};
        int[] out = new int[steps];
        int[] spikes = new int[1];
        int count = 0;
        for (int k = 1; k <= steps; k++) {
            int n = LoihiLif.step(u, v, new int[] {k == 1 ? aIn1 : 0}, new int[] {LoihiLif.bias(mant, exp)}, du, dv, vth, 1,
                    spikes);
            if (n > 0 && spikesAt != null) {
                spikesAt[count++] = k;
            }
            out[k - 1] = voltage ? v[0] : u[0];
        }
        return out;
    }

    @Test
    void currentDecayWithDu2047HalvesFrom8192() {
        // a_in 128 << 6 = 8192 at step 1; du = 2047 (+1 offset: 2048 of 4096) halves the current each step
        int[] u = run(8, 128, 2047, 0, 0, 0, 131071, false, null);
        assertArrayEquals(new int[] {8192, 4096, 2048, 1024, 512, 256, 128, 64}, u);
    }

    @Test
    void voltageDecayWithDv2048() {
        // du = 0 (current decays by 1/4096), dv = 2048: Lava's expected voltages
        int[] v = run(8, 128, 0, 2048, 0, 0, 131071, true, null);
        assertArrayEquals(new int[] {8192, 12286, 14331, 15351, 15859, 16111, 16235, 16295}, v);
    }

    @Test
    void biasMantissaShiftedByItsExponentAfterOneStep() {
        int[] v = run(1, 0, 0, 0, 4095, 5, 131071, true, null);
        assertEquals(4095 << 5, v[0]);
    }

    @Test
    void biasTwoShiftedBySixWithThresholdEightSpikesAtSteps5And10() {
        // Lava counts steps from 0 (spikes at 4 and 9); snn4j from 1
        int[] at = new int[2];
        int[] v = run(10, 0, 0, 0, 2, 6, 8, true, at);
        assertArrayEquals(new int[] {5, 10}, at);
        assertArrayEquals(new int[] {128, 256, 384, 512, 0, 128, 256, 384, 512, 0}, v);
    }

    @Test
    void theCurrentWrapsAndTheVoltageSaturatesAtTwentyFourBits() {
        int max = 1 << 23;
        // du 4095 (+1) decays the current fully: u is the shifted input, wrapped as Lava wraps it
        assertEquals(max, LoihiLif.current(max - 1, 4095, 1 << 17), "2^23 itself stays (Lava wraps only above it)");
        assertEquals(64 - max, LoihiLif.current(0, 4095, (1 << 17) + 1), "2^23 + 64 wraps to 64 - 2^23");
        assertEquals(max, LoihiLif.current(0, 4095, -(1 << 17)), "-2^23 wraps to +2^23");
        assertEquals(64 - max, LoihiLif.current(0, 4095, -(1 << 17) + 1), "-2^23 + 64 stays");
        assertEquals(max - 1, LoihiLif.voltage(max - 1, 0, 1000, 0), "saturated at 2^23 - 1");
        assertEquals(1 - max, LoihiLif.voltage(1 - max, 0, -1000, 0), "saturated at -(2^23 - 1)");
        assertEquals(-3, LoihiLif.decay(-7, 2048), "decay rounds toward zero: -7 / 2 = -3");
        assertEquals(3, LoihiLif.decay(7, 2048));
        assertEquals(-1, LoihiLif.bias(-1, -3), "a negative exponent shifts right (toward -infinity)");
    }

    /** The reference, written separately in plain long arithmetic from Lava's equations. */
    private static long[] reference(long u, long v, long aIn, long bias, int du, int dv, long vth) {
        long cu = u * (4096 - (du + 1));
        long du2 = cu < 0 ? -(Math.abs(cu) / 4096) : cu / 4096;
        long c = du2 + aIn * 64;
        if (c > 8388608L) {
            c -= 16777216L;
        } else if (c <= -8388608L) {
            c += 16777216L;
        }
        long cv = v * (4096 - dv);
        long dv2 = cv < 0 ? -(Math.abs(cv) / 4096) : cv / 4096;
        long nv = Math.max(-8388607L, Math.min(8388607L, dv2 + c + bias));
        long spike = nv > vth * 64 ? 1 : 0;
        return new long[] {c, spike == 1 ? 0 : nv, spike};
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void tenThousandRandomStepsEqualTheReferenceBitwise(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 16;
        int[] u = new int[n];
        int[] v = new int[n];
        int[] bias = new int[n];
        long[] ru = new long[n];
        long[] rv = new long[n];
        int du = r.nextInt(4096);
        int dv = r.nextInt(4096);
        int vth = r.nextInt(1, 4096);
        for (int i = 0; i < n; i++) {
            bias[i] = LoihiLif.bias(r.nextInt(-4096, 4096), r.nextInt(8));
        }
        int[] spikes = new int[n];
        long total = 0;
        for (int k = 0; k < 10_000; k++) {
            int[] a = new int[n];
            for (int i = 0; i < n; i++) {
                a[i] = r.nextInt(-32768, 32768); // 16-bit dendritic sums, large enough to wrap u
            }
            int count = LoihiLif.step(u, v, a, bias, du, dv, vth, n, spikes);
            int x = 0;
            for (int i = 0; i < n; i++) {
                long[] ref = reference(ru[i], rv[i], a[i], bias[i], du, dv, vth);
                ru[i] = ref[0];
                rv[i] = ref[1];
                boolean spiked = x < count && spikes[x] == i;
                x += spiked ? 1 : 0;
                assertEquals(ref[2] == 1, spiked, "spike of " + i + " at " + k);
                assertEquals(ref[0], u[i], "u of " + i + " at " + k);
                assertEquals(ref[1], v[i], "v of " + i + " at " + k);
            }
            total += count;
        }
        org.junit.jupiter.api.Assertions.assertTrue(total > 100, "spikes " + total);
    }
}
