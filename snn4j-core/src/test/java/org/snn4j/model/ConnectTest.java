package org.snn4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectTest {
    private static final CubaLif LIF = CubaLif.builder().build();

    private static Projection project(int nPre, int nPost, Connector c, Weights w, Delays d, long seed) {
        Network.Builder b = Network.builder().population("a", nPre, LIF);
        if (nPost > 0) {
            b.population("b", nPost, LIF).connect("a", "b", c, w, d);
        } else {
            b.connect("a", "a", c, w, d);
        }
        return b.build(seed).projections().get(0);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void probabilityGivesBinomialCountsWithoutAutapses(long seed) {
        int n = 500;
        double p = 0.05;
        Projection proj = project(n, 0, Connect.probability(p), Weights.constant(1), Delays.constantSteps(1), seed);
        double mean = p * n * (n - 1);
        double sd = Math.sqrt(mean * (1 - p));
        assertTrue(Math.abs(proj.synapseCount() - mean) < 4 * sd, "synapses " + proj.synapseCount() + " vs " + mean);
        for (int pre = 0; pre < n; pre++) {
            int prev = -1;
            for (int s = proj.rowStart(pre); s < proj.rowStart(pre) + proj.fanOut(pre); s++) {
                assertTrue(proj.targetOf(s) != pre, "autapse at " + pre);
                assertTrue(proj.targetOf(s) > prev, "targets ascending and distinct in a row");
                prev = proj.targetOf(s);
            }
        }
    }

    @Test
    void probabilityCountsTargetsUniformly() {
        // the first and second halves of the targets receive the same number of synapses (within 4 sd)
        Projection proj = project(400, 400, Connect.probability(0.1), Weights.constant(1), Delays.constantSteps(1), 9);
        int low = 0;
        for (int s = 0; s < proj.synapseCount(); s++) {
            low += proj.targetOf(s) < 200 ? 1 : 0;
        }
        double half = proj.synapseCount() / 2.0;
        assertTrue(Math.abs(low - half) < 4 * Math.sqrt(half / 2), "low half " + low + " of " + proj.synapseCount());
    }

    @Test
    void fixedFanOutAndFanInAreExact() {
        Projection out = project(50, 0, Connect.fixedFanOut(7), Weights.constant(1), Delays.constantSteps(1), 2);
        for (int pre = 0; pre < 50; pre++) {
            assertEquals(7, out.fanOut(pre));
            Set<Integer> t = new HashSet<>();
            for (int s = out.rowStart(pre); s < out.rowStart(pre) + 7; s++) {
                t.add(out.targetOf(s));
                assertTrue(out.targetOf(s) != pre);
            }
            assertEquals(7, t.size(), "distinct targets");
        }
        Projection in = project(30, 40, Connect.fixedFanIn(6), Weights.constant(1), Delays.constantSteps(1), 2);
        int[] fanIn = new int[40];
        for (int s = 0; s < in.synapseCount(); s++) {
            fanIn[in.targetOf(s)]++;
        }
        for (int j = 0; j < 40; j++) {
            assertEquals(6, fanIn[j], "fan-in of " + j);
        }
        assertEquals(49, project(50, 0, Connect.fixedFanOut(49), Weights.constant(1), Delays.constantSteps(1), 2)
                .fanOut(0), "every other neuron");
    }

    @Test
    void allToAllAndRanges() {
        assertEquals(12, project(3, 4, Connect.allToAll(), Weights.constant(1), Delays.constantSteps(1), 1)
                .synapseCount());
        assertEquals(6, project(3, 0, Connect.allToAll(), Weights.constant(1), Delays.constantSteps(1), 1)
                .synapseCount());
        assertEquals(9, project(3, 0, Connect.allToAll().autapses(true), Weights.constant(1), Delays.constantSteps(1),
                1).synapseCount());
        Projection r = project(10, 10, Connect.allToAll().sourceRange(2, 4).targetRange(5, 8), Weights.constant(1),
                Delays.constantSteps(1), 1);
        assertEquals(6, r.synapseCount());
        assertEquals(0, r.fanOut(1));
        assertEquals(3, r.fanOut(2));
        assertEquals(5, r.targetOf(r.rowStart(3)));
    }

    @Test
    void explicitPairsKeepTheirWeightsAndDelaysThroughTheCsrSort() {
        int[] pre = {2, 0, 2, 1};
        int[] post = {0, 1, 3, 2};
        Projection p = project(3, 4, Connect.explicit(pre, post), Weights.array(0.1, 0.2, 0.3, 0.4),
                Delays.arraySteps(5, 6, 7, 8), 1);
        assertArrayEquals(new int[] {0, 1, 2, 4}, p.rowStartArray());
        assertArrayEquals(new int[] {1, 2, 0, 3}, p.targetArray());
        assertArrayEquals(new float[] {0.2f, 0.4f, 0.1f, 0.3f}, p.weightArray());
        assertArrayEquals(new short[] {6, 8, 5, 7}, p.delayArray());
    }

    @Test
    void drawnWeightsAndDelaysHaveTheirDistributionAndAreSeeded() {
        Connector c = Connect.fixedFanOut(100);
        Projection u = project(200, 200, c, Weights.uniform(1, 3), Delays.uniformSteps(2, 5), 4);
        Projection again = project(200, 200, c, Weights.uniform(1, 3), Delays.uniformSteps(2, 5), 4);
        assertArrayEquals(u.weightArray(), again.weightArray());
        assertArrayEquals(u.delayArray(), again.delayArray());
        double mean = 0;
        int[] delayCount = new int[6];
        for (int s = 0; s < u.synapseCount(); s++) {
            assertTrue(u.weightOf(s) >= 1 && u.weightOf(s) < 3);
            mean += u.weightOf(s);
            delayCount[u.delayOf(s)]++;
        }
        int n = u.synapseCount();
        assertEquals(2, mean / n, 4 * Math.sqrt(1 / 3.0 / n), "uniform mean");
        assertEquals(2, u.minDelaySteps());
        assertEquals(5, u.maxDelaySteps());
        for (int d = 2; d <= 5; d++) {
            assertEquals(n / 4.0, delayCount[d], 4 * Math.sqrt(n * 0.25 * 0.75), "delay " + d);
        }
        Projection g = project(200, 200, c, Weights.normal(-2, 0.5), Delays.constantSteps(1), 4);
        double m = 0;
        double sq = 0;
        for (int s = 0; s < n; s++) {
            m += g.weightOf(s);
            sq += g.weightOf(s) * (double) g.weightOf(s);
        }
        m /= n;
        assertEquals(-2, m, 4 * 0.5 / Math.sqrt(n));
        assertEquals(0.5, Math.sqrt(sq / n - m * m), 0.02);
    }
}
