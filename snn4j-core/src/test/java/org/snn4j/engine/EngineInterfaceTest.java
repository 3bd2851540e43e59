package org.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snn4j.model.Network;
import org.snn4j.reference.Cuba;
import org.snn4j.reference.FeedForward;

/** Both engines behind one interface: the same spikes, counts, cycles and early decisions under synchronous execution. */
class EngineInterfaceTest {
    private static Engine make(EngineOptions options, Network net, double dt) {
        return options.create(net, dt).record(Monitor.allSpikes());
    }

    /** extraCycles 0 stops at the first output spike; a huge one runs every step and decides at the end. */
    @ParameterizedTest(name = "extra cycles {0}")
    @ValueSource(ints = {0, 3, 1 << 30})
    void theClockEngineDecidesAndStopsAsTheEventEnginesSynchronousSchedule(int extra) {
        Network net = FeedForward.network(3);
        double dt = FeedForward.DT_SECONDS;
        Engine clock = make(EngineOptions.CLOCK, net, dt).earlyDecision(FeedForward.OUTPUT, extra);
        Engine event = make(EngineOptions.EVENT, net, dt).earlyDecision(FeedForward.OUTPUT, extra);
        RunResult a = clock.run(0.05);
        RunResult b = event.run(0.05);
        assertEquals(event.decision(), clock.decision());
        assertEquals(event.cycles(), clock.cycles());
        assertEquals(event.steps(), clock.steps());
        assertEquals(b.cost().spikes(), a.cost().spikes());
        assertEquals(b.cost().synOps(), a.cost().synOps());
        assertArrayEquals(b.spikes(FeedForward.OUTPUT).neurons(), a.spikes(FeedForward.OUTPUT).neurons());
        if (extra == 0) {
            assertTrue(clock.decision().stoppedEarly() && clock.steps() < 500, clock.decision().toString());
            for (int step : a.spikes(FeedForward.OUTPUT).steps()) {
                assertEquals(clock.steps(), step, "stopped in the step (the cycle) of the first output spikes");
            }
        } else if (extra > 1000) {
            assertEquals(500, clock.steps(), "never stopped");
            assertTrue(clock.decision().neuron() >= 0);
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2})
    void cyclesCountThePopulationsThatSpikedInEachStep(int threads) {
        Network net = Cuba.network(1000, 80, 2);
        Engine clock = new EngineOptions(EngineOptions.Kind.CLOCK, null, 1, false, threads).create(net, 1e-4)
                .record(Monitor.rate(Cuba.POPULATION));
        Engine event = EngineOptions.EVENT.create(net, 1e-4);
        RunResult r = clock.run(0.05);
        event.run(0.05);
        long stepsWithSpikes = 0;
        for (int c : r.rate(Cuba.POPULATION).countsPerStep()) {
            stepsWithSpikes += c > 0 ? 1 : 0;
        }
        assertEquals(stepsWithSpikes, clock.cycles(), "one population: one cycle per step with a spike");
        assertEquals(event.cycles(), clock.cycles());
    }

    @org.junit.jupiter.api.Test
    void earlyStopsNeedOneClockThreadAndDecisionsAnOutput() {
        Network net = FeedForward.network(1);
        Engine twoThreads = new EngineOptions(EngineOptions.Kind.CLOCK, null, 1, false, 2).create(net, 1e-4)
                .earlyDecision(FeedForward.OUTPUT, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> twoThreads.run(0.01));
        assertTrue(e.getMessage().contains("one thread"), e.getMessage());
        Engine none = EngineOptions.CLOCK.create(net, 1e-4);
        assertThrows(IllegalStateException.class, none::decision);
        assertThrows(IllegalArgumentException.class, () -> EngineOptions.CLOCK.create(net, 1e-4).earlyDecision("nope", 0));
    }

    @org.junit.jupiter.api.Test
    void engineOptionsRefuseWhatTheEngineCannotDo() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new EngineOptions(EngineOptions.Kind.CLOCK, Scheduler.FIFO, 1, false, 1)).getMessage()
                .startsWith("schedule fifo: needs the event engine"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new EngineOptions(EngineOptions.Kind.EVENT, null, 1, false, 2)).getMessage()
                .startsWith("threads 2:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new EngineOptions(EngineOptions.Kind.CLOCK, null, 1, true, 1)).getMessage()
                .startsWith("catch-up closed-form:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EngineOptions.event(Scheduler.RANDOM, 0))
                .getMessage().startsWith("group 0:"));
        assertEquals(EngineOptions.Kind.EVENT, EngineOptions.KINDS.get("async"));
        assertEquals(java.util.List.of("clock", "event"), EngineOptions.KINDS.names());
    }
}
