package org.snn4j.train;

import org.snn4j.data.EventSet;
import org.snn4j.data.SpikeRaster;

/** Event-based samples (SHD) binned into steps over a fixed window; the same spikes every epoch. */
public final class EventSamples implements Samples {
    private final EventSet events;
    private final int steps;
    private final double windowSeconds;

    public EventSamples(EventSet events, int steps, double windowSeconds) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps " + steps + ": must be >= 1");
        }
        if (!(windowSeconds > 0)) {
            throw new IllegalArgumentException("window " + windowSeconds + " s: must be > 0");
        }
        this.events = events;
        this.steps = steps;
        this.windowSeconds = windowSeconds;
    }

    @Override
    public int count() {
        return events.count();
    }

    @Override
    public int inputs() {
        return events.channels();
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public int classes() {
        return events.classes();
    }

    @Override
    public int label(int i) {
        return events.label(i);
    }

    @Override
    public void encode(int i, long epoch, SpikeRaster out) {
        events.bin(i, steps, windowSeconds, out);
    }
}
