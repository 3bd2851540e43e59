package org.snn4j.arrays;

import java.util.Arrays;

/** A growable int array: amortized O(1) append without boxing. */
public final class IntList {
    private int[] values;
    private int size;

    public IntList(int capacity) {
        values = new int[Math.max(4, capacity)];
    }

    public void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length + (values.length >> 1) + 1);
        }
        values[size++] = v;
    }

    public int get(int i) {
        return values[i];
    }

    /** Removes element i, keeping the order of the others. */
    public void removeAt(int i) {
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
    }

    public void clear() {
        size = 0;
    }

    public int size() {
        return size;
    }

    public int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
