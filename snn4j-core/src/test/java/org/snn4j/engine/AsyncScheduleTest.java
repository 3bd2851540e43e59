package org.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared asynchronous schedule on its own, with a handler that logs what it is told. */
class AsyncScheduleTest {
    /** Neurons of group 0 with fixed potentials; those listed in {@code refuse} fell below threshold. */
    private static final class Log implements AsyncSchedule.Handler {
        final float[] v;
        final List<String> events = new ArrayList<>();
        final java.util.Set<Integer> refuse = new java.util.HashSet<>();
        int stopAfterDeliveries = -1;

        Log(float... v) {
            this.v = v;
        }

        @Override
        public float potential(int g, int i) {
            return v[i];
        }

        @Override
        public boolean fire(int g, int i, int cycle) {
            boolean fires = !refuse.contains(i);
            events.add((fires ? "fire " : "refuse ") + i + "@" + cycle);
            return fires;
        }

        @Override
        public void deliver(int g, int i, int cycle) {
            events.add("deliver " + (g < 0 ? "in" : "n") + i + "@" + cycle);
        }

        @Override
        public void drop(int g, int i) {
            events.add("drop " + i);
        }

        @Override
        public boolean stop() {
            return stopAfterDeliveries >= 0 && events.stream().filter(e -> e.startsWith("deliver")).count()
                    >= stopAfterDeliveries;
        }
    }

    @Test
    void fifoTakesGroupsOfFInTheOrderEntriesBecamePendingAndDeliversAfterEachGroup() {
        AsyncSchedule s = new AsyncSchedule(Scheduler.FIFO, 2, Integer.MAX_VALUE, false, 1);
        Log h = new Log(0f, 0f, 0f);
        s.pendInput(0, 7);
        s.pend(0, 2);
        s.pend(0, 0);
        s.pend(0, 1);
        h.refuse.add(0);
        assertFalse(s.runStep(h));
        assertEquals(List.of("fire 2@1", "deliver in7@1", "deliver n2@1", "refuse 0@2", "fire 1@2", "deliver n1@2"),
                h.events);
        assertEquals(2, s.cycles());
    }

    @Test
    void momentumTakesTheHighestPotentialAndInputsFirst() {
        AsyncSchedule s = new AsyncSchedule(Scheduler.MOMENTUM, 1, Integer.MAX_VALUE, false, 1);
        Log h = new Log(0.5f, 2f, 1f);
        s.pend(0, 0);
        s.pend(0, 1);
        s.pend(0, 2);
        s.runStep(h);
        assertEquals(List.of("fire 1@1", "deliver n1@1", "fire 2@2", "deliver n2@2", "fire 0@3", "deliver n0@3"), h.events);
    }

    @Test
    void theCycleCapDropsWhatIsStillPendingAndAStopEndsTheStep() {
        AsyncSchedule s = new AsyncSchedule(Scheduler.FIFO, 1, 2, false, 1);
        Log h = new Log(0f, 0f, 0f, 0f);
        for (int i = 0; i < 4; i++) {
            s.pend(0, i);
        }
        assertFalse(s.runStep(h));
        assertEquals(List.of("fire 0@1", "deliver n0@1", "fire 1@2", "deliver n1@2", "drop 2", "drop 3"), h.events);
        Log stop = new Log(0f, 0f, 0f);
        stop.stopAfterDeliveries = 1;
        s.pend(0, 0);
        s.pend(0, 1);
        assertTrue(s.runStep(stop));
        assertEquals(List.of("fire 0@1", "deliver n0@1"), stop.events);
        assertEquals(3, s.cycles(), "cycles count on across steps until restart");
        s.restart(1);
        assertEquals(0, s.cycles());
    }

    @Test
    void prioritizedInputsGoFirstWhateverTheSchedulerPrefers() {
        AsyncSchedule s = new AsyncSchedule(Scheduler.RANDOM, 1, Integer.MAX_VALUE, true, 5);
        Log h = new Log(0f, 0f, 0f, 0f, 0f, 0f);
        s.pendInput(0, 0);
        s.pendInput(1, 1);
        for (int i = 0; i < 6; i++) {
            s.pend(0, i);
        }
        s.runStep(h);
        assertTrue(h.events.get(0).startsWith("deliver in") && h.events.get(1).startsWith("deliver in"), h.events.toString());
        assertEquals(2 + 6 * 2, h.events.size());
    }

    @Test
    void theDecisionIsTheMostSpikesWithTiesToTheFirstToSpike() {
        OutputTally t = new OutputTally(4);
        assertEquals(-1, t.decision());
        t.spike(2, 5);
        t.spike(1, 6);
        t.spike(1, 7);
        t.spike(2, 8);
        assertEquals(2, t.decision(), "2 and 1 tie at two spikes; 2 spiked first");
        t.spike(3, 9);
        t.spike(3, 9);
        t.spike(3, 9);
        assertEquals(3, t.decision());
        assertEquals(5, t.firstCycle());
        assertEquals(7, t.spikes());
        t.clear();
        assertEquals(-1, t.decision());
        assertEquals(-1, t.firstCycle());
    }
}
