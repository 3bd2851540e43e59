package org.snn4j.engine;

import org.snn4j.model.Projection;

/**
 * A projection as one block of its target receives it: the synapses that end in the block's neuron
 * range [lo, hi), split by delay, each delay's synapses as a CSR over the presynaptic neurons (local
 * target indices, rows in the projection's CSR order). The clock engine sums a step's arrivals when
 * the block is about to step, delay by delay from the longest, so every neuron's sum takes its terms
 * in the order the single-threaded ring buffer would receive them: by the step they were emitted,
 * then group, projection, spike and row order.
 */
final class Incoming {
    final int port;
    /** The delays that occur, descending. */
    final int[] delays;
    /** Per delay index: rowStart over the presynaptic neurons (nPre + 1), local targets and weights. */
    final int[][] rowStart;
    final int[][] targets;
    final float[][] weights;

    Incoming(Projection p, int lo, int hi) {
        port = p.port();
        int nPre = p.sourceSize();
        int maxDelay = p.maxDelaySteps();
        int[] perDelay = new int[maxDelay + 1];
        for (int s = 0; s < p.synapseCount(); s++) {
            int t = p.targetOf(s);
            if (t >= lo && t < hi) {
                perDelay[p.delayOf(s)]++;
            }
        }
        int distinct = 0;
        long kept = 0;
        for (int count : perDelay) {
            distinct += count > 0 ? 1 : 0;
            kept += count;
        }
        org.snn4j.model.MemoryCheck.require("the CSR of projection " + p.label() + " by delay (" + distinct
                + " delays x " + nPre + " sources)", 4.0 * distinct * (nPre + 1) + 8.0 * kept);
        delays = new int[distinct];
        int[] indexOfDelay = new int[maxDelay + 1];
        for (int d = maxDelay, i = 0; d >= 0; d--) {
            if (perDelay[d] > 0) {
                indexOfDelay[d] = i;
                delays[i++] = d;
            }
        }
        rowStart = new int[distinct][nPre + 1];
        targets = new int[distinct][];
        weights = new float[distinct][];
        for (int i = 0; i < distinct; i++) {
            targets[i] = new int[perDelay[delays[i]]];
            weights[i] = new float[perDelay[delays[i]]];
        }
        int[] at = new int[distinct];
        for (int pre = 0; pre < nPre; pre++) {
            for (int i = 0; i < distinct; i++) {
                rowStart[i][pre] = at[i];
            }
            int end = p.rowStart(pre) + p.fanOut(pre);
            for (int s = p.rowStart(pre); s < end; s++) {
                int t = p.targetOf(s);
                if (t >= lo && t < hi) {
                    int i = indexOfDelay[p.delayOf(s)];
                    targets[i][at[i]] = t - lo;
                    weights[i][at[i]++] = p.weightOf(s);
                }
            }
        }
        for (int i = 0; i < distinct; i++) {
            rowStart[i][nPre] = at[i];
        }
    }

    /** The smallest delay into the block, or -1 when no synapse ends there. */
    int minDelay() {
        return delays.length == 0 ? -1 : delays[delays.length - 1];
    }

    /** The largest delay into the block, or -1 when no synapse ends there. */
    int maxDelay() {
        return delays.length == 0 ? -1 : delays[0];
    }
}
