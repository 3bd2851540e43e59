package org.snn4j.reservoir;

/** A dynamical system driven by a scalar input: its state after each input step is the readout's feature vector. */
public interface Reservoir {
    /** Number of state features per step. */
    int size();

    /** states[t] = the state after consuming u[0..t] (a fresh reservoir each call). */
    double[][] states(double[] u);

    /** Operations per input step for the cost report (multiply-accumulates for an ESN). */
    double operationsPerStep();
}
