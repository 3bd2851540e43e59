package org.snn4j.cli;

import org.snn4j.engine.Scheduler;

/** The --engine, --schedule, --group and --threads options, checked together. */
record EngineChoice(boolean event, Scheduler scheduler) {
    static EngineChoice parse(String engine, String schedule, int group, int threads) {
        boolean event = switch (engine) {
            case "clock" -> false;
            case "event", "async" -> true;
            default -> throw new IllegalArgumentException("--engine '" + engine + "': expected clock or event (alias async)");
        };
        if (event && threads != 1) {
            throw new IllegalArgumentException("--threads " + threads + ": the event engine runs on one thread");
        }
        Scheduler scheduler = switch (schedule) {
            case "synchronous" -> null;
            case "fifo" -> Scheduler.FIFO;
            case "random" -> Scheduler.RANDOM;
            case "momentum" -> Scheduler.MOMENTUM;
            default -> throw new IllegalArgumentException("--schedule '" + schedule
                    + "': expected synchronous, fifo, random or momentum");
        };
        if (scheduler != null && !event) {
            throw new IllegalArgumentException("--schedule " + schedule + ": needs --engine event");
        }
        Options.atLeast("--group", group, 1);
        return new EngineChoice(event, scheduler);
    }
}
