package org.snn4j.reservoir;

/** A dynamical system driven by a scalar input: its state after each input step is the readout's feature vector. */
public interface Reservoir {
    /** Number of state features per step. */
    int size();

    /** Drives a fresh reservoir with u; states[t] = its features after consuming u[0..t]. */
    Run run(double[] u);

    /**
     * The states and what producing them cost, per input step: multiply-accumulates (an ESN's dense
     * update), SynOps and neuron updates (a spiking reservoir), and spikes per neuron per input step.
     */
    record Run(double[][] states, double macsPerStep, double synOpsPerStep, double neuronUpdatesPerStep,
            double spikesPerNeuronPerStep) {
    }
}
