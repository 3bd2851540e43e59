package org.snn4j.train;

import org.snn4j.data.SpikeRaster;

/** A labelled set of spike-encoded samples of a fixed number of steps. */
public interface Samples {
    int count();

    int inputs();

    int steps();

    int classes();

    int label(int i);

    /**
     * Writes sample i's input spikes into {@code out}; a random encoding must depend only on the
     * sample, the epoch and the set's seed (not on threads or call order).
     */
    void encode(int i, long epoch, SpikeRaster out);
}
