package org.snn4j.engine;

import org.snn4j.model.Network;
import org.snn4j.model.Projection;

/** The delay capacity of an engine's ring buffer, checked against every synapse of a network. */
final class DelayCapacity {
    private DelayCapacity() {
    }

    /**
     * The capacity in steps: the requested one, or the network's largest delay when none was
     * requested (negative); fails naming the first synapse whose delay exceeds it.
     */
    static int resolve(Network network, int requested) {
        int capacity = requested >= 0 ? requested : network.maxDelaySteps();
        for (Projection p : network.projections()) {
            if (p.maxDelaySteps() <= capacity) {
                continue;
            }
            for (int pre = 0; pre < p.sourceSize(); pre++) {
                for (int s = p.rowStart(pre); s < p.rowStart(pre) + p.fanOut(pre); s++) {
                    if (p.delayOf(s) > capacity) {
                        throw new IllegalArgumentException("delay " + p.delayOf(s) + " at synapse " + s + " (pre " + pre
                                + " -> post " + p.targetOf(s) + ") of projection " + p.label()
                                + ": exceeds the engine's delay capacity of " + capacity + " steps");
                    }
                }
            }
        }
        return capacity;
    }
}
