package org.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snn4j.model.Connect;
import org.snn4j.model.CubaLif;
import org.snn4j.model.Delays;
import org.snn4j.model.InitialV;
import org.snn4j.model.Network;
import org.snn4j.model.SpikeSource;
import org.snn4j.model.Weights;

/**
 * The asynchronous schedules on a network worked out by hand. One input spike at step 1 makes b fire;
 * b excites c1 (weight 2, delivered first), c0 (weight 3) and the interneuron h (weight 5), all over
 * zero delays; h inhibits c1 (weight -10). With psc = 0.0097 V per unit current (tau_mem 10 ms,
 * tau_syn 2 ms, dt 0.1 ms) and V_th = 15 mV, b's spike takes c1 to 19.4 mV, c0 to 29.1 mV and h to
 * 48.5 mV, all pending; h's spike takes c1 to -77.6 mV.
 */
class ScheduleTest {
    private static Network network() {
        CubaLif model = Fixtures.neuron().refractorySeconds(1).build();
        return Network.builder()
                .source(SpikeSource.trains("in", new int[][] {{1}}))
                .population("c", 2, model, InitialV.constant(0))
                .population("h", 1, model, InitialV.constant(0))
                .population("b", 1, model, InitialV.constant(0))
                .connect("in", "b", Connect.allToAll(), Weights.constant(10), Delays.constantSteps(0))
                .connect("b", "c", Connect.explicit(new int[] {0, 0}, new int[] {1, 0}), Weights.array(2, 3),
                        Delays.constantSteps(0))
                .connect("b", "h", Connect.allToAll(), Weights.constant(5), Delays.constantSteps(0))
                .connect("h", "c", Connect.explicit(new int[] {0}, new int[] {1}), Weights.constant(-10),
                        Delays.constantSteps(0))
                .build(1);
    }

    private record Outcome(int[] cSpikes, long hSpikes, long cycles) {
    }

    private static Outcome run(Scheduler scheduler, int group, long seed) {
        EventEngine e = Engines.event(network(), 1e-4).seed(seed).record(Monitor.allSpikes());
        if (scheduler != null) {
            e.schedule(scheduler, group);
        }
        RunResult r = e.runSteps(3);
        assertEquals(1, r.spikes("b").count(), "b fires once");
        for (int k : r.spikes("c").steps()) {
            assertEquals(1, k, "everything happens within step 1");
        }
        int[] c = r.spikes("c").neurons().clone();
        java.util.Arrays.sort(c);
        return new Outcome(c, r.spikes("h").count(), e.cycles());
    }

    @Test
    void synchronousUpdatesHBeforeCSoC1IsInhibited() {
        Outcome o = run(null, 1, 1);
        assertArrayEquals(new int[] {0}, o.cSpikes());
        assertEquals(1, o.hSpikes());
        RunResult clock = Engines.clock(network(), 1e-4).record(Monitor.allSpikes()).runSteps(3, ProgressListener.NONE);
        assertArrayEquals(new int[] {0}, clock.spikes("c").neurons(), "the clock engine agrees");
    }

    @Test
    void fifoOneAtATimeLetsC1FireBeforeTheInhibitionArrives() {
        Outcome o = run(Scheduler.FIFO, 1, 1);
        assertArrayEquals(new int[] {0, 1}, o.cSpikes());
        assertEquals(1, o.hSpikes());
        assertEquals(5, o.cycles(), "in, b, c1, c0, h");
    }

    @Test
    void momentumFiresTheHighestPotentialFirstSoHSilencesC1() {
        Outcome o = run(Scheduler.MOMENTUM, 1, 1);
        assertArrayEquals(new int[] {0}, o.cSpikes());
        assertEquals(1, o.hSpikes());
        assertEquals(4, o.cycles(), "in, b, h, c0; c1 drops below threshold before its turn");
    }

    @Test
    void aLargeGroupEmitsCAndHTogether() {
        Outcome o = run(Scheduler.FIFO, 10, 1);
        assertArrayEquals(new int[] {0, 1}, o.cSpikes());
        assertEquals(3, o.cycles(), "in, b, {c1, c0, h}");
    }

    @Test
    void randomIsSeededAndReachesBothOutcomes() {
        Set<Integer> outcomes = new HashSet<>();
        for (long seed = 1; seed <= 20; seed++) {
            Outcome a = run(Scheduler.RANDOM, 1, seed);
            Outcome b = run(Scheduler.RANDOM, 1, seed);
            assertArrayEquals(a.cSpikes(), b.cSpikes(), "same seed, same spikes");
            outcomes.add(a.cSpikes().length);
        }
        assertEquals(Set.of(1, 2), outcomes, "h before c1 (c1 silenced) and c1 before h both occur");
    }

    @Test
    void badInput() {
        EventEngine e = Engines.event(network(), 1e-4);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> e.schedule(Scheduler.FIFO, 0));
        assertTrue(ex.getMessage().contains("groupSize 0"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.schedule(null, 1));
    }
}
