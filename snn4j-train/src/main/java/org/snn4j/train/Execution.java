package org.snn4j.train;

import org.snn4j.engine.Scheduler;

/**
 * How a step runs in training (and in the trainer's own evaluation): {@code layered}, the clock
 * engine's step, layer by layer ({@link Bptt}); or unlayered, unrolled over the processing cycles of
 * the event engine's asynchronous schedule ({@link CycleBptt}) with a scheduling strategy
 * ({@code fifo}, {@code random}, {@code momentum}), F spikes per cycle ({@code group}) and at most
 * {@code cyclesPerStep} cycles per step (0: until nothing is pending). {@code synchronous} is the
 * layered step unrolled by cycles (the same spikes; for checks).
 */
public record Execution(String schedule, int group, int cyclesPerStep) {
    public static final Execution LAYERED = new Execution("layered", 1, 0);

    public Execution {
        if (schedule == null || !(schedule.equals("layered") || Scheduler.BY_NAME.contains(schedule))) {
            throw new IllegalArgumentException("schedule '" + schedule + "': expected layered, "
                    + Scheduler.BY_NAME.listing());
        }
        if (group < 1) {
            throw new IllegalArgumentException("group (F) " + group + ": must be >= 1 (1 = fully asynchronous)");
        }
        if (cyclesPerStep < 0) {
            throw new IllegalArgumentException("cycles per step " + cyclesPerStep + ": must be >= 0 (0 = unlimited)");
        }
    }

    /** The engine's scheduler for this execution, or null for a synchronous one. */
    public Scheduler scheduler() {
        return layered() ? null : Scheduler.BY_NAME.get(schedule);
    }

    public boolean layered() {
        return schedule.equals("layered");
    }

    /** A short name: "layered", or e.g. "momentum F=1". */
    public String label() {
        return scheduler() == null ? schedule : schedule + " F=" + group + (cyclesPerStep > 0 ? " C=" + cyclesPerStep : "");
    }

    Pass pass(Model model, int steps) {
        return layered() ? new Bptt(model, steps)
                : new CycleBptt(model, steps, scheduler(), group, cyclesPerStep == 0 ? Integer.MAX_VALUE : cyclesPerStep);
    }
}
