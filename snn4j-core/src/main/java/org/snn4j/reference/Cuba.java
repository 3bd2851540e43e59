package org.snn4j.reference;

import org.snn4j.model.Connect;
import org.snn4j.model.CubaLif;
import org.snn4j.model.Delays;
import org.snn4j.model.InitialV;
import org.snn4j.model.Network;
import org.snn4j.model.Port;
import org.snn4j.model.Weights;

/**
 * The CUBA benchmark network (Vogels &amp; Abbott 2005; Brette et al. 2007; Brian2 examples/CUBA.py):
 * 80% excitatory, tau_mem 20 ms, tau_exc 5 ms, tau_inh 10 ms, V_th -50 mV, V_reset -60 mV, V_leak
 * -49 mV, refractory 5 ms, weights +1.62 mV / -9 mV added to the current in voltage units (R = 1),
 * initial V uniform in [V_reset, V_th), dt 0.1 ms. Connection probability is synapsesPerNeuron / N
 * (80 / 4000 = 0.02), so that larger networks keep the same dynamics, as the Brian2 peer script does;
 * autapses are allowed, as in Brian2's {@code connect(p=...)}. All synapses have a delay of one step,
 * which is Brian2's CUBA without delay (a spike changes the target's current before its next update).
 */
public final class Cuba {
    public static final double DT_SECONDS = 1e-4;
    public static final double SYNAPSES_PER_NEURON = 80;
    public static final String POPULATION = "cells";

    private Cuba() {
    }

    public static CubaLif neuronModel() {
        return CubaLif.builder()
                .tauMemSeconds(20e-3)
                .tauSynSeconds(5e-3, 10e-3)
                .vLeak(-49e-3).vThreshold(-50e-3).vReset(-60e-3)
                .refractorySeconds(5e-3)
                .build();
    }

    public static Network network(int neurons, long seed) {
        return network(neurons, SYNAPSES_PER_NEURON, seed);
    }

    public static Network network(int neurons, double synapsesPerNeuron, long seed) {
        if (neurons < 2) {
            throw new IllegalArgumentException("neurons " + neurons + ": the CUBA network needs at least 2");
        }
        double p = synapsesPerNeuron / neurons;
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("synapsesPerNeuron " + synapsesPerNeuron + ": must be in (0, neurons="
                    + neurons + "]");
        }
        int excitatory = excitatory(neurons);
        return Network.builder()
                .population(POPULATION, neurons, neuronModel(), InitialV.uniform(-60e-3, -50e-3))
                .connect(POPULATION, POPULATION, Connect.probability(p).sourceRange(0, excitatory).autapses(true),
                        Weights.constant(1.62e-3), Delays.constantSteps(1), Port.of(0))
                .connect(POPULATION, POPULATION, Connect.probability(p).sourceRange(excitatory, neurons).autapses(true),
                        Weights.constant(-9e-3), Delays.constantSteps(1), Port.of(1))
                .build(seed);
    }

    /** The excitatory neurons of an N-neuron network: the first round(0.8 N); the others are inhibitory. */
    public static int excitatory(int neurons) {
        return (int) Math.round(0.8 * neurons);
    }
}
