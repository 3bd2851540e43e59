package org.snn4j.hardware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Xylo's neuron in integers: XyloSim's decay of small values by 1 toward 0 and its multi-spike reset,
 * saturation at int16, and 10^4 random steps against an independent reference.
 */
class XyloLifTest {
    @Test
    void smallValuesDecayByOneTowardZero() {
        assertEquals(1, XyloLif.decay(3, 4), "3 >> 4 is 0: decays by 1");
        assertEquals(-1, XyloLif.decay(-3, 4), "-3 >> 4 is -1 (arithmetic shift)");
        assertEquals(0, XyloLif.decay(0, 4));
        assertEquals(1024, XyloLif.decay(16384, 4));
        assertEquals(-1025, XyloLif.decay(-16385, 4), "arithmetic shift rounds toward -infinity");
        int[] isyn = {3};
        int[] v = {0};
        int[] counts = new int[1];
        int[] spikes = new int[1];
        int[] trace = new int[4];
        for (int k = 0; k < 4; k++) {
            XyloLif.step(isyn, v, 4, 15, 1000, 31, 1, counts, spikes);
            trace[k] = isyn[0];
        }
        assertArrayEquals(new int[] {2, 1, 0, 0}, trace);
    }

    @Test
    void aNeuronFarOverThresholdSpikesSeveralTimesAndSubtractsEach() {
        int[] isyn = {0};
        int[] v = {1000};
        int[] counts = new int[1];
        int[] spikes = new int[1];
        // dash_mem 15: 1000 >> 15 = 0 -> decays by 1 to 999; threshold 300: three spikes, 99 left
        assertEquals(1, XyloLif.step(isyn, v, 1, 15, 300, 31, 1, counts, spikes));
        assertEquals(3, counts[0]);
        assertEquals(99, v[0]);
        v[0] = 1000;
        XyloLif.step(isyn, v, 1, 15, 300, 1, 1, counts, spikes);
        assertEquals(1, counts[0], "a readout spikes once");
        assertEquals(699, v[0]);
        v[0] = 300;
        XyloLif.step(isyn, v, 1, 15, 299, 31, 1, counts, spikes);
        assertEquals(1, counts[0], "the comparison is >=: 299 >= 299");
        assertEquals(0, v[0]);
        assertEquals(Short.MAX_VALUE, XyloLif.add16(32000, 1000));
        assertEquals(Short.MIN_VALUE, XyloLif.add16(-32000, -1000));
        assertEquals(4, XyloLif.dash(16e-3, 1e-3));
        assertEquals(0, XyloLif.dash(0.5e-3, 1e-3), "at least 0");
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void tenThousandRandomStepsEqualTheReferenceBitwise(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 12;
        int dashSyn = r.nextInt(16);
        int dashMem = r.nextInt(16);
        int vth = r.nextInt(1, 32768);
        int[] isyn = new int[n];
        int[] v = new int[n];
        long[] ri = new long[n];
        long[] rv = new long[n];
        int[] counts = new int[n];
        int[] spikes = new int[n];
        long total = 0;
        for (int k = 0; k < 10_000; k++) {
            for (int i = 0; i < n; i++) {
                int w = r.nextInt(-128, 128) << r.nextInt(8);
                isyn[i] = XyloLif.add16(isyn[i], w);
                ri[i] = Math.max(-32768, Math.min(32767, ri[i] + w));
            }
            XyloLif.step(isyn, v, dashSyn, dashMem, vth, 31, n, counts, spikes);
            for (int i = 0; i < n; i++) {
                long ds = Math.floorDiv(ri[i], 1L << dashSyn);
                ri[i] -= ds == 0 ? Long.signum(ri[i]) : ds;
                long dm = Math.floorDiv(rv[i], 1L << dashMem);
                long x = rv[i] - (dm == 0 ? Long.signum(rv[i]) : dm);
                x = Math.max(-32768, Math.min(32767, x + ri[i]));
                int c = 0;
                while (x >= vth && c < 31) {
                    x -= vth;
                    c++;
                }
                rv[i] = x;
                assertEquals(ri[i], isyn[i], "isyn of " + i + " at " + k);
                assertEquals(rv[i], v[i], "v of " + i + " at " + k);
                assertEquals(c, counts[i], "spikes of " + i + " at " + k);
                total += c;
            }
        }
        assertTrue(total > 100, "spikes " + total);
    }
}
