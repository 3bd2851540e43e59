package org.snn4j.engine;

import org.snn4j.arrays.FloatList;
import org.snn4j.arrays.IntList;

/**
 * A population's arrivals in each ring slot as lists of (neuron, port, weight) in delivery order, so
 * that an event-driven engine touches only the neurons they reach and reads them in sequence. (A dense
 * ring of slots x neurons is written and read at random; from 10^4 neurons on it no longer fits in
 * cache.) Summed per neuron and port in list order, from zero, they give the ring's float sums bitwise.
 */
final class ArrivalLists {
    private final IntList[] neurons;
    /** Each arrival's port, or null when the population has one. */
    private final IntList[] ports;
    private final FloatList[] weights;

    ArrivalLists(int slots, int portCount) {
        neurons = new IntList[slots];
        ports = portCount > 1 ? new IntList[slots] : null;
        weights = new FloatList[slots];
        for (int s = 0; s < slots; s++) {
            neurons[s] = new IntList(16);
            weights[s] = new FloatList(16);
            if (ports != null) {
                ports[s] = new IntList(16);
            }
        }
    }

    void add(int slot, int neuron, int port, float weight) {
        neurons[slot].add(neuron);
        weights[slot].add(weight);
        if (ports != null) {
            ports[slot].add(port);
        }
    }

    /**
     * Adds slot's arrivals into {@code into[port][neuron]}, lists each neuron reached (once, by its
     * stamp) in {@code reached} from index m on, and empties the slot; returns the new m.
     */
    int drain(int slot, float[][] into, long[] stamp, long step, int[] reached, int m) {
        IntList list = neurons[slot];
        FloatList w = weights[slot];
        IntList p = ports == null ? null : ports[slot];
        for (int j = 0; j < list.size(); j++) {
            int i = list.get(j);
            into[p == null ? 0 : p.get(j)][i] += w.get(j);
            if (stamp[i] != step) {
                stamp[i] = step;
                reached[m++] = i;
            }
        }
        list.clear();
        w.clear();
        if (p != null) {
            p.clear();
        }
        return m;
    }
}
