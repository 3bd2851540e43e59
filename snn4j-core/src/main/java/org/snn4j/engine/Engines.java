package org.snn4j.engine;

import org.snn4j.model.Network;

/** Entry points: make an engine from a network specification. */
public final class Engines {
    private Engines() {
    }

    /** The clock-driven engine with time step dtSeconds. */
    public static ClockEngine clock(Network network, double dtSeconds) {
        return new ClockEngine(network, dtSeconds);
    }

    /** The event-driven engine with time step dtSeconds (synchronous schedule; see {@link EventEngine}). */
    public static EventEngine event(Network network, double dtSeconds) {
        return new EventEngine(network, dtSeconds);
    }

    /**
     * The network as a chip computes it in integers ({@link org.snn4j.hardware.FixedPoint}: its
     * parameters converted once, with a report); clock-driven.
     */
    public static FixedPointEngine fixedPoint(Network network, double dtSeconds, org.snn4j.hardware.FixedPoint.Chip chip) {
        return new FixedPointEngine(network, dtSeconds, chip, false);
    }

    /** The same, event-driven: only neurons with state or input are updated (the same spikes). */
    public static FixedPointEngine fixedPointEvents(Network network, double dtSeconds,
            org.snn4j.hardware.FixedPoint.Chip chip) {
        return new FixedPointEngine(network, dtSeconds, chip, true);
    }
}
