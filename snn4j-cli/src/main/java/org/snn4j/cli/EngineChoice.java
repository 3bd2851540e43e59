package org.snn4j.cli;

import org.snn4j.engine.EngineOptions;
import org.snn4j.engine.Scheduler;

/** The --engine, --schedule, --group, --catch-up and --threads options, parsed into the library's EngineOptions. */
final class EngineChoice {
    /** The help text of --catch-up, the same on every command that has it. */
    static final String CATCH_UP_HELP = "event engine: exact (bitwise the clock engine's float steps, default) or "
            + "closed-form (propagators to the k-th power: much faster on sparse activity, equal up to rounding)";

    private EngineChoice() {
    }

    static EngineOptions parse(String engine, String schedule, int group, int threads) {
        return parse(engine, schedule, group, threads, "exact");
    }

    static EngineOptions parse(String engine, String schedule, int group, int threads, String catchUp) {
        EngineOptions.Kind kind = Options.choice("--engine", EngineOptions.KINDS, engine);
        Scheduler scheduler = Options.choice("--schedule", Scheduler.BY_NAME, schedule);
        boolean closedForm = Options.choice("--catch-up", EngineOptions.CATCH_UP, catchUp);
        EngineOptions options = Options.asOption(() -> new EngineOptions(kind, scheduler, group, closedForm, threads));
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads > cores) {
            // the workers spin at their barriers: more of them than cores only take turns, far slower
            throw new IllegalArgumentException("--threads " + threads + ": more than the " + cores + " cores here; the"
                    + " clock engine's workers spin while they wait, so extra threads slow it down");
        }
        return options;
    }

    /** The options with --hardware (null or "float": float32). */
    static EngineOptions withHardware(EngineOptions options, String hardware) {
        if (hardware == null || hardware.equals("float")) {
            return options;
        }
        org.snn4j.hardware.FixedPoint.Chip chip = Options.choice("--hardware", EngineOptions.HARDWARE, hardware);
        return Options.asOption(() -> options.withHardware(chip));
    }

    static final class Hardware extends Names {
        Hardware() {
            super(EngineOptions.HARDWARE);
        }
    }

    /** The names of each choice, for picocli's ${COMPLETION-CANDIDATES} in help texts. */
    static final class Engines extends Names {
        Engines() {
            super(EngineOptions.KINDS);
        }
    }

    static final class Schedules extends Names {
        Schedules() {
            super(Scheduler.BY_NAME);
        }
    }

    static final class CatchUps extends Names {
        CatchUps() {
            super(EngineOptions.CATCH_UP);
        }
    }
}
