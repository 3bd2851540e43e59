package org.snn4j.data;

import java.util.Arrays;

/**
 * Binary input spikes of one sample over T steps, stored per step (CSR): the neurons that spike at
 * step t (0-based) are {@code index[start[t] .. start[t+1])}, ascending. Mutable and reusable, so an
 * encoder can refill one raster per sample without allocating.
 */
public final class SpikeRaster {
    private final int neurons;
    private int steps;
    private int[] start;
    private int[] index;
    private int size;

    public SpikeRaster(int neurons, int steps) {
        this.neurons = neurons;
        this.start = new int[steps + 1];
        this.index = new int[Math.max(16, neurons)];
        this.steps = steps;
    }

    /** Empties the raster for a sample of {@code steps} steps. */
    public void clear(int steps) {
        if (start.length < steps + 1) {
            start = new int[steps + 1];
        }
        this.steps = steps;
        this.size = 0;
        Arrays.fill(start, 0, steps + 1, 0);
    }

    /** Marks the end of step t: call once per step in order, after adding that step's spikes. */
    public void endStep(int t) {
        start[t + 1] = size;
    }

    /**
     * Marks the end of step t after sorting the step's spikes and dropping repeated neurons, for
     * producers whose spikes arrive in another order (binned events).
     */
    void endStepSorted(int t) {
        int from = start[t];
        Arrays.sort(index, from, size);
        int kept = from;
        for (int k = from; k < size; k++) {
            if (k == from || index[k] != index[kept - 1]) {
                index[kept++] = index[k];
            }
        }
        size = kept;
        endStep(t);
    }

    /** Adds a spike of neuron i at the step being filled (indices ascending within a step). */
    public void add(int i) {
        if (size == index.length) {
            index = Arrays.copyOf(index, size * 2);
        }
        index[size++] = i;
    }

    public int neurons() {
        return neurons;
    }

    public int steps() {
        return steps;
    }

    public int from(int t) {
        return start[t];
    }

    public int to(int t) {
        return start[t + 1];
    }

    /** The neuron of the k-th spike (k in from(t) .. to(t)). */
    public int neuron(int k) {
        return index[k];
    }

    /** The neurons of all spikes in step order (entries 0 .. spikeCount() - 1); the live array, not a copy. */
    public int[] indexArray() {
        return index;
    }

    public int spikeCount() {
        return size;
    }

    /** Spike steps per neuron, 1-based as the engines number steps. */
    public int[][] toSpikeSteps() {
        int[] n = new int[neurons];
        for (int k = 0; k < size; k++) {
            n[index[k]]++;
        }
        int[][] out = new int[neurons][];
        for (int i = 0; i < neurons; i++) {
            out[i] = new int[n[i]];
            n[i] = 0;
        }
        for (int t = 0; t < steps; t++) {
            for (int k = start[t]; k < start[t + 1]; k++) {
                int i = index[k];
                out[i][n[i]++] = t + 1;
            }
        }
        return out;
    }
}
