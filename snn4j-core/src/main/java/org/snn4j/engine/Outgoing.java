package org.snn4j.engine;

import org.snn4j.model.Projection;

/**
 * A projection as the event-driven engine delivers it, into its target's ring buffer or arrival
 * lists: rows in CSR order, local target indices of the target's slice.
 */
final class Outgoing {
    private final int[] rowStart;
    private final int[] targets;
    private final float[] weights;
    /** Per-synapse delays, or null when all are {@link #uniformDelay}. */
    private final short[] delays;
    private final int uniformDelay;
    private final float[][] ring;
    private final int port;
    private final int ports;
    /** The target's arrival lists (event-driven engine, a population not stepped), or null: the ring. */
    private final ArrivalLists lists;

    Outgoing(Projection p, Slice target, ArrivalLists lists) {
        this.lists = lists;
        int nPre = p.sourceSize();
        int lo = target.lo;
        int hi = target.lo + target.n;
        int kept = 0;
        for (int s = 0; s < p.synapseCount(); s++) {
            kept += p.targetOf(s) >= lo && p.targetOf(s) < hi ? 1 : 0;
        }
        rowStart = new int[nPre + 1];
        targets = new int[kept];
        weights = new float[kept];
        short[] keptDelays = new short[kept];
        int at = 0;
        for (int pre = 0; pre < nPre; pre++) {
            rowStart[pre] = at;
            int end = p.rowStart(pre) + p.fanOut(pre);
            for (int s = p.rowStart(pre); s < end; s++) {
                int t = p.targetOf(s);
                if (t >= lo && t < hi) {
                    targets[at] = t - lo;
                    weights[at] = p.weightOf(s);
                    keptDelays[at++] = (short) p.delayOf(s);
                }
            }
        }
        rowStart[nPre] = at;
        boolean uniform = p.minDelaySteps() == p.maxDelaySteps();
        uniformDelay = uniform ? p.maxDelaySteps() : -1;
        delays = uniform ? null : keptDelays;
        ring = target.ring;
        port = p.port();
        ports = target.constants.ports;
    }

    /**
     * Adds the weights of the spiking sources' rows into the ring slots of their arrival steps;
     * returns the SynOps delivered.
     *
     * @param slotOfDelay ring slot of each delay for the current step
     */
    long deliver(int[] spikes, int count, int offset, int[] slotOfDelay) {
        long ops = 0;
        for (int s = 0; s < count; s++) {
            int pre = spikes[s] + offset;
            int from = rowStart[pre];
            int to = rowStart[pre + 1];
            ops += to - from;
            if (lists != null) {
                for (int syn = from; syn < to; syn++) {
                    lists.add(slotOfDelay[uniformDelay >= 0 ? uniformDelay : delays[syn]], targets[syn], port,
                            weights[syn]);
                }
            } else if (uniformDelay >= 0) {
                float[] slot = ring[slotOfDelay[uniformDelay] * ports + port];
                for (int syn = from; syn < to; syn++) {
                    slot[targets[syn]] += weights[syn];
                }
            } else {
                for (int syn = from; syn < to; syn++) {
                    ring[slotOfDelay[delays[syn]] * ports + port][targets[syn]] += weights[syn];
                }
            }
        }
        return ops;
    }
}
