package org.snn4j.engine;

import org.snn4j.model.Network;
import org.snn4j.registry.Registry;

/**
 * Which engine runs a network and how, as one value that commands, evaluations and studies pass
 * around instead of branching on the engine kind: the clock engine (on {@code threads} workers) or
 * the event engine (with a schedule, F spikes per cycle under an asynchronous one, exact or
 * closed-form catch-up). {@link #create} makes the engine.
 *
 * @param scheduler null for the synchronous schedule (the only one of the clock engine)
 * @param group     F, spikes emitted per processing cycle under an asynchronous schedule (>= 1)
 * @param hardware  null for float32; a chip runs the network in its integers ({@link FixedPointEngine},
 *                  on one thread, event-driven for the event engine)
 */
public record EngineOptions(Kind kind, Scheduler scheduler, int group, boolean closedForm, int threads,
        org.snn4j.hardware.FixedPoint.Chip hardware) {
    /** The two engines. */
    public enum Kind {
        CLOCK, EVENT
    }

    /** Engine kinds by name: clock, event (alias async). */
    public static final Registry<Kind> KINDS = Registry.<Kind>of("engine").add("clock", Kind.CLOCK)
            .add("event", Kind.EVENT).alias("async", "event").build();

    /** Catch-up modes of the event engine by name: exact (false), closed-form (true). */
    public static final Registry<Boolean> CATCH_UP = Registry.<Boolean>of("catch-up").add("exact", false)
            .add("closed-form", true).build();

    /** Chips by name: loihi, xylo. */
    public static final Registry<org.snn4j.hardware.FixedPoint.Chip> HARDWARE = Registry
            .<org.snn4j.hardware.FixedPoint.Chip>of("hardware").add("loihi", org.snn4j.hardware.FixedPoint.Chip.LOIHI)
            .add("xylo", org.snn4j.hardware.FixedPoint.Chip.XYLO).build();

    /** The clock engine on one thread. */
    public static final EngineOptions CLOCK = new EngineOptions(Kind.CLOCK, null, 1, false, 1);

    /** The event engine with the synchronous schedule and exact catch-up. */
    public static final EngineOptions EVENT = new EngineOptions(Kind.EVENT, null, 1, false, 1);

    public EngineOptions {
        if (kind == null) {
            throw new IllegalArgumentException("engine kind: must not be null");
        }
        if (group < 1) {
            throw new IllegalArgumentException("group " + group + ": must be >= 1 (1 = fully asynchronous)");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + ": must be >= 1");
        }
        if (kind == Kind.EVENT && threads != 1) {
            throw new IllegalArgumentException("threads " + threads + ": the event engine runs on one thread");
        }
        if (kind == Kind.CLOCK && scheduler != null) {
            throw new IllegalArgumentException("schedule " + Scheduler.BY_NAME.nameOf(scheduler)
                    + ": needs the event engine");
        }
        if (kind == Kind.CLOCK && closedForm) {
            throw new IllegalArgumentException("catch-up closed-form: needs the event engine");
        }
        if (hardware != null && (threads != 1 || scheduler != null || closedForm)) {
            throw new IllegalArgumentException("hardware " + HARDWARE.nameOf(hardware) + ": the fixed-point engine runs"
                    + " on one thread, clock-driven or event-driven under the synchronous schedule with exact catch-up");
        }
    }

    /** Float32 (no hardware). */
    public EngineOptions(Kind kind, Scheduler scheduler, int group, boolean closedForm, int threads) {
        this(kind, scheduler, group, closedForm, threads, null);
    }

    /** The same options in a chip's integers (null: float32). */
    public EngineOptions withHardware(org.snn4j.hardware.FixedPoint.Chip chip) {
        return new EngineOptions(kind, scheduler, group, closedForm, threads, chip);
    }

    /** The event engine under an asynchronous schedule (or the synchronous one for a null scheduler). */
    public static EngineOptions event(Scheduler scheduler, int group) {
        return new EngineOptions(Kind.EVENT, scheduler, group, false, 1);
    }

    /** The schedule's name (synchronous for the clock engine). */
    public String scheduleName() {
        return Scheduler.BY_NAME.nameOf(scheduler);
    }

    /** A new engine of this kind for the network. */
    public Engine create(Network network, double dtSeconds) {
        if (hardware != null) {
            return kind == Kind.CLOCK ? Engines.fixedPoint(network, dtSeconds, hardware)
                    : Engines.fixedPointEvents(network, dtSeconds, hardware);
        }
        if (kind == Kind.CLOCK) {
            return Engines.clock(network, dtSeconds).threads(threads);
        }
        EventEngine e = Engines.event(network, dtSeconds).closedFormCatchUp(closedForm);
        return scheduler == null ? e : e.schedule(scheduler, group);
    }
}
