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

    /** Early decisions on the same network, with c as the output population. */
    @Test
    void earlyDecisionReportsTheWinnerAndItsLatency() {
        // MOMENTUM: in, b, h, then c0 is the first output spike (cycle 4), and the decision
        EventEngine momentum = Engines.event(network(), 1e-4).schedule(Scheduler.MOMENTUM, 1).earlyDecision("c", 0);
        momentum.runSteps(100);
        assertEquals(new Decision(0, 4, 1, true), momentum.decision());
        // FIFO: c1 spikes first (cycle 3); one more cycle lets c0 spike too: a tie goes to the first, c1
        EventEngine fifo = Engines.event(network(), 1e-4).schedule(Scheduler.FIFO, 1).earlyDecision("c", 0);
        fifo.runSteps(100);
        assertEquals(new Decision(1, 3, 1, true), fifo.decision());
        EventEngine fifoLater = Engines.event(network(), 1e-4).schedule(Scheduler.FIFO, 1).earlyDecision("c", 1);
        fifoLater.runSteps(100);
        assertEquals(new Decision(1, 4, 1, true), fifoLater.decision());
        assertTrue(fifoLater.decision().correct(1));
        // synchronous: one cycle per layer that spikes (b, h, c): c0 at cycle 3 of step 1
        EventEngine sync = Engines.event(network(), 1e-4).earlyDecision("c", 0);
        sync.runSteps(100);
        assertEquals(new Decision(0, 3, 1, true), sync.decision());
        // a fixed number of cycles: stops before any output spike
        EventEngine capped = Engines.event(network(), 1e-4).schedule(Scheduler.FIFO, 1).earlyDecision("c", 0)
                .stopAfterCycles(2);
        capped.runSteps(100);
        assertEquals(new Decision(-1, 2, 1, true), capped.decision());
    }

    @Test
    void badInput() {
        EventEngine e = Engines.event(network(), 1e-4);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> e.schedule(Scheduler.FIFO, 0));
        assertTrue(ex.getMessage().contains("groupSize 0"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.schedule(null, 1));
        IllegalArgumentException out = assertThrows(IllegalArgumentException.class,
                () -> Engines.event(network(), 1e-4).earlyDecision("out", 0));
        assertTrue(out.getMessage().contains("output population 'out'"), out.getMessage());
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> Engines.event(network(), 1e-4).decision());
        assertTrue(none.getMessage().contains("no output population"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Engines.event(network(), 1e-4).stopAfterCycles(0));
    }
}
