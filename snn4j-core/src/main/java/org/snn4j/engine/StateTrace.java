package org.snn4j.engine;

/** A recorded state variable: {@code values[j][k]} is neuron {@code neurons[j]} after step k+1 of the record. */
public record StateTrace(String population, StateVariable variable, int[] neurons, float[][] values) {
    /** The trace of the j-th recorded neuron. */
    public float[] of(int j) {
        return values[j];
    }
}
