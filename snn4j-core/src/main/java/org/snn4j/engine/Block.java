package org.snn4j.engine;

/**
 * The clock engine's unit of work and of scheduling: a neuron range of one population (or a whole
 * spike source), with its own state, its own step counter ({@link #done}) and the spikes of its last
 * {@code H} steps. One thread steps a block; others read its spike history once {@link #done} says a
 * step is complete (the volatile write publishes the history slot). A block may compute step t when
 * each block feeding it has finished step t - d (d: the smallest delay from it, the lookahead), when
 * each block it feeds has read the history slot that step t overwrites, and when the recorder has.
 */
final class Block {
    /** The group (population or source) this block belongs to, as the engine numbers them. */
    final int group;
    /** The partition this block belongs to (its worker: partition mod threads). */
    final int partition;
    /** The first neuron (in the group's numbering) and the count. */
    final int lo;
    final int n;
    /** The neurons' state and arriving current (one ring slot per port), or null for a source. */
    final Slice slice;
    /** A source's stream, or null for a population block. */
    final SourceStream stream;
    /** history[k % H]: the spikes of step k (group indices, ascending), historyCount[k % H] of them. */
    final int[][] history;
    final int[] historyCount;

    /**
     * One delay of one incoming projection: its synapses of that delay (a CSR over the presynaptic
     * neurons, local targets) and the blocks of its source group, whose spikes of step t - delay
     * arrive at step t.
     */
    record Arrival(int delay, int port, int[] rowStart, int[] targets, float[] weights, Block[] from) {
    }

    /** The delivery plan: by delay, longest first, then in the canonical order of the projections. */
    Arrival[] plan = new Arrival[0];

    /** The blocks this one reads (itself excluded) and the smallest delay from each. */
    Block[] feeders = new Block[0];
    int[] lookahead = new int[0];
    /** The blocks that read this one (itself excluded) and the largest delay to each. */
    Block[] readers = new Block[0];
    int[] reach = new int[0];

    /** Each neuron's synapses out of the group, all projections together (SynOps are counted at emission). */
    int[] fanOut = new int[0];

    /** State monitors' samples of this block's neurons, each into a ring of H steps. */
    Sampler[] samplers = new Sampler[0];

    /** The last step this block completed. */
    volatile long done;
    /** The synaptic operations this block's spikes caused (counted when emitted, as the event engine does). */
    long synOps;
    /** Steps computed while a feeder had not yet finished the step before (dataflow only). */
    long aheadSteps;

    Block(int group, int partition, int lo, int n, Slice slice, SourceStream stream, int historyLength) {
        this.group = group;
        this.partition = partition;
        this.lo = lo;
        this.n = n;
        this.slice = slice;
        this.stream = stream;
        history = new int[historyLength][n];
        historyCount = new int[historyLength];
    }

    /** Whether step t may be computed now, the recorder having recorded up to step {@code recorded}. */
    boolean ready(long t, long recorded) {
        int h = history.length;
        if (recorded < t - h) {
            return false;
        }
        for (int i = 0; i < feeders.length; i++) {
            if (feeders[i].done < t - lookahead[i]) {
                return false;
            }
        }
        for (int i = 0; i < readers.length; i++) {
            if (readers[i].done < t - h + reach[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether some feeder has not yet finished step t - 1 (the lookahead lets step t run anyway). */
    boolean aheadOfFeeders(long t) {
        for (Block f : feeders) {
            if (f.done < t - 1) {
                return true;
            }
        }
        return false;
    }

    /** Computes step t: sums its arrivals, steps the neurons (or emits the source's spikes), keeps its spikes. */
    void step(long t) {
        int slot = (int) (t % history.length);
        int[] out = history[slot];
        int count;
        if (stream != null) {
            count = stream.emit(t, out);
        } else {
            deliver(t);
            count = slice.step(t, 0);
            int[] local = slice.spikes;
            for (int q = 0; q < count; q++) {
                out[q] = lo + local[q];
            }
        }
        historyCount[slot] = count;
        long ops = 0;
        for (int q = 0; q < count; q++) {
            ops += fanOut[out[q]];
        }
        synOps += ops;
        for (Sampler s : samplers) {
            s.sample(slot);
        }
    }

    /** Sums the arrivals of step t into the slice's one ring slot, in the single-threaded order. */
    private void deliver(long t) {
        int h = history.length;
        float[][] ring = slice.ring;
        for (Arrival a : plan) {
            long s = t - a.delay();
            if (s < 1) {
                continue;
            }
            int slot = (int) (s % h);
            int[] rowStart = a.rowStart();
            int[] targets = a.targets();
            float[] weights = a.weights();
            float[] cell = ring[a.port()];
            for (Block from : a.from()) {
                int count = from.historyCount[slot];
                int[] spikes = from.history[slot];
                for (int q = 0; q < count; q++) {
                    int pre = spikes[q];
                    int end = rowStart[pre + 1];
                    for (int syn = rowStart[pre]; syn < end; syn++) {
                        cell[targets[syn]] += weights[syn];
                    }
                }
            }
        }
    }

    /** Some neurons' state variable, sampled after every step into a ring of H steps. */
    static final class Sampler {
        final float[][] arrays;
        final int[] local;
        /** values[k % H][j]: neuron j's sample after step k. */
        final float[][] values;

        Sampler(float[][] arrays, int[] local, int historyLength) {
            this.arrays = arrays;
            this.local = local;
            values = new float[historyLength][local.length];
        }

        void sample(int slot) {
            float[] row = values[slot];
            for (int j = 0; j < local.length; j++) {
                row[j] = arrays[j][local[j]];
            }
        }
    }
}
