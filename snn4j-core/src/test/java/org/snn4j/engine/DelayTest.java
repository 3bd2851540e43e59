package org.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.model.Connect;
import org.snn4j.model.CubaLif;
import org.snn4j.model.Delays;
import org.snn4j.model.InitialV;
import org.snn4j.model.Network;
import org.snn4j.model.SpikeSource;
import org.snn4j.model.Weights;

class DelayTest {
    private static final double DT = Fixtures.DT;

    /**
     * One source neuron spiking at several steps, neuron d of the target receiving it over delay d
     * (d = 0..D, D = the ring capacity): every current trace jumps exactly at the steps s + d and
     * nowhere else, with many spikes in flight and the ring wrapping around.
     */
    @Test
    void aSpikeAtStepKOverDelayDIsSeenExactlyAtStepKPlusD() {
        int maxDelay = 16;
        int[] spikeSteps = {1, 4, 5, 9, 17, 18, 40};
        int n = maxDelay + 1;
        int[] pre = new int[n];
        int[] post = new int[n];
        int[] delay = new int[n];
        double[] weight = new double[n];
        for (int d = 0; d < n; d++) {
            post[d] = d;
            delay[d] = d;
            weight[d] = 1e-3 * (d + 1);
        }
        CubaLif model = Fixtures.neuron().vThreshold(10).build();
        Network net = Network.builder()
                .source(SpikeSource.trains("src", new int[][] {spikeSteps}))
                .population("t", n, model, InitialV.constant(0))
                .connect("src", "t", Connect.explicit(pre, post), Weights.array(weight), Delays.arraySteps(delay))
                .build(1);
        int[] all = new int[n];
        for (int d = 0; d < n; d++) {
            all[d] = d;
        }
        int steps = 80;
        StateTrace trace = Engines.clock(net, DT).delayCapacity(maxDelay)
                .record(Monitor.states("t", StateVariable.current(0), all)).runSteps(steps, ProgressListener.NONE)
                .state("t", StateVariable.current(0));
        float alpha = (float) Math.exp(-DT / model.tauSynSeconds(0));
        for (int d = 0; d < n; d++) {
            float w = (float) weight[d];
            float expected = 0f;
            float[] exp = new float[steps];
            for (int k = 1; k <= steps; k++) {
                boolean arrives = false;
                for (int s : spikeSteps) {
                    arrives |= s + d == k;
                }
                expected = alpha * (arrives ? expected + w : expected + 0f);
                exp[k - 1] = expected;
            }
            assertArrayEquals(exp, trace.of(d), "current of the target over delay " + d);
        }
    }

    @Test
    void delaysBeyondTheEngineCapacityAreRejected() {
        Network net = Network.builder()
                .source(SpikeSource.trains("src", new int[][] {{1}}))
                .population("t", 3, Fixtures.neuron().build())
                .connect("src", "t", Connect.explicit(new int[] {0, 0}, new int[] {1, 2}), Weights.constant(1e-3),
                        Delays.arraySteps(3, 12))
                .build(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Engines.clock(net, DT).delayCapacity(8).run(0.01));
        assertTrue(e.getMessage().contains("delay 12") && e.getMessage().contains("capacity of 8")
                && e.getMessage().contains("post 2"), e.getMessage());
        IllegalArgumentException ev = assertThrows(IllegalArgumentException.class,
                () -> Engines.event(net, DT).delayCapacity(8).run(0.01));
        assertEquals(e.getMessage(), ev.getMessage(), "both engines check capacity the same way");
    }

    /** A chain in -> p0 -> p1 -> p2 -> p3 (declared backwards) with strong synapses, one spike each. */
    private static Network chain(int delay) {
        CubaLif model = Fixtures.neuron().refractorySeconds(1).build();
        Network.Builder b = Network.builder().source(SpikeSource.trains("in", new int[][] {{5}}));
        for (int i = 3; i >= 0; i--) {
            b.population("p" + i, 1, model, InitialV.constant(0));
        }
        b.connect("in", "p0", Connect.allToAll(), Weights.constant(10), Delays.constantSteps(delay));
        for (int i = 0; i < 3; i++) {
            b.connect("p" + i, "p" + (i + 1), Connect.allToAll(), Weights.constant(10), Delays.constantSteps(delay));
        }
        return b.build(1);
    }

    @Test
    void withZeroDelaysASpikeCrossesAWholeChainWithinOneStep() {
        Network net = chain(0);
        assertArrayEquals(new int[] {3, 2, 1, 0}, net.updateOrder(), "p0 first although declared last");
        RunResult r = Engines.clock(net, DT).record(Monitor.allSpikes()).run(0.005);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(new int[] {5}, r.spikes("p" + i).steps(), "p" + i);
        }
    }

    @Test
    void withUnitDelaysTheChainAdvancesOneStepPerLink() {
        RunResult r = Engines.clock(chain(1), DT).record(Monitor.allSpikes()).run(0.005);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(new int[] {6 + i}, r.spikes("p" + i).steps(), "p" + i);
        }
        assertEquals(4, r.cost().spikes());
        assertEquals(4, r.cost().synOps());
        assertEquals(1, r.cost().sourceSpikes());
    }
}
