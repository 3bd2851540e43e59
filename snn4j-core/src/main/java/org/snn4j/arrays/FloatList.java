package org.snn4j.arrays;

import java.util.Arrays;

/** A growable float array: amortized O(1) append without boxing. */
public final class FloatList {
    private float[] values;
    private int size;

    public FloatList(int capacity) {
        values = new float[Math.max(4, capacity)];
    }

    public void add(float v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length + (values.length >> 1) + 1);
        }
        values[size++] = v;
    }

    public float get(int i) {
        return values[i];
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    public float[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
