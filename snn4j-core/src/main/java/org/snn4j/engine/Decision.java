package org.snn4j.engine;

/**
 * The early decision of a run with an output population: the output neuron with the most spikes
 * (ties: the first to spike), or -1 when none spiked; latency in processing cycles and in steps to
 * the moment the run stopped.
 */
public record Decision(int neuron, long cycles, long steps, boolean stoppedEarly) {
    /** Whether the decision is the given label. */
    public boolean correct(int label) {
        return neuron == label;
    }
}
