package org.snn4j.engine;

import java.util.Map;

/**
 * What a run cost: the same fields for every engine. One synaptic operation (SynOp) is one spike
 * delivered over one synapse; a neuron update is one neuron state advanced over one step (the
 * clock engine advances every neuron every step).
 *
 * @param spikesPerPopulation population name -> spikes emitted (sources not included)
 * @param sourceSpikes        spikes emitted by spike sources
 */
public record Cost(long steps, int neurons, long synapses, long spikes, Map<String, Long> spikesPerPopulation,
        long sourceSpikes, long synOps, long neuronUpdates, double buildSeconds, double loopSeconds) {

    /** Spikes per neuron per step. */
    public double spikeDensity() {
        return steps == 0 ? 0 : spikes / ((double) neurons * steps);
    }

    /** Mean firing rate of the populations, Hz. */
    public double meanRateHz(double dtSeconds) {
        return steps == 0 ? 0 : spikes / ((double) neurons * steps * dtSeconds);
    }

    /** SynOps per second of loop wall time. */
    public double synOpsPerLoopSecond() {
        return loopSeconds == 0 ? 0 : synOps / loopSeconds;
    }
}
