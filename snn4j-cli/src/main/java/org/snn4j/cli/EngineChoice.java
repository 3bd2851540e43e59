package org.snn4j.cli;

import org.snn4j.engine.Scheduler;

/** The --engine, --schedule, --group, --catch-up and --threads options, checked together. */
record EngineChoice(boolean event, Scheduler scheduler, boolean closedForm) {
    /** The help text of --catch-up, the same on every command that has it. */
    static final String CATCH_UP_HELP = "event engine: exact (bitwise the clock engine's float steps, default) or "
            + "closed-form (propagators to the k-th power: much faster on sparse activity, equal up to rounding)";

    static EngineChoice parse(String engine, String schedule, int group, int threads) {
        return parse(engine, schedule, group, threads, "exact");
    }

    static EngineChoice parse(String engine, String schedule, int group, int threads, String catchUp) {
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
        boolean closedForm = switch (catchUp) {
            case "exact" -> false;
            case "closed-form" -> true;
            default -> throw new IllegalArgumentException("--catch-up " + catchUp + ": expected exact or closed-form");
        };
        if (closedForm && !event) {
            throw new IllegalArgumentException("--catch-up closed-form: needs --engine event");
        }
        return new EngineChoice(event, scheduler, closedForm);
    }
}
