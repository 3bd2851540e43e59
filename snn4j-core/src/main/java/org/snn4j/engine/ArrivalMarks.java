package org.snn4j.engine;

/**
 * Which neurons of a population have arrivals in each ring slot, so that an event-driven engine
 * touches only those: per slot, a list of neurons and a mark per neuron against duplicates.
 */
final class ArrivalMarks {
    private final boolean[][] marked;
    private final int[][] neurons;
    private final int[] count;

    ArrivalMarks(int slots, int n) {
        marked = new boolean[slots][n];
        neurons = new int[slots][n];
        count = new int[slots];
    }

    void mark(int slot, int neuron) {
        if (!marked[slot][neuron]) {
            marked[slot][neuron] = true;
            neurons[slot][count[slot]++] = neuron;
        }
    }

    boolean marked(int slot, int neuron) {
        return marked[slot][neuron];
    }

    int count(int slot) {
        return count[slot];
    }

    int neuron(int slot, int k) {
        return neurons[slot][k];
    }

    /** Forgets a slot's marks once its step has been processed. */
    void clear(int slot) {
        int[] list = neurons[slot];
        boolean[] m = marked[slot];
        for (int k = 0; k < count[slot]; k++) {
            m[list[k]] = false;
        }
        count[slot] = 0;
    }
}
