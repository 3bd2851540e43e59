package org.snn4j.reference;

import org.snn4j.model.Check;
import org.snn4j.model.Connect;
import org.snn4j.model.CubaLif;
import org.snn4j.model.Delays;
import org.snn4j.model.InitialV;
import org.snn4j.model.Network;
import org.snn4j.model.SpikeSource;
import org.snn4j.model.Weights;

/**
 * A network with a chosen activity, for comparing the engines on sparse work: N resting LIF neurons
 * (V_leak 0, no bias), each driven one-to-one by a Poisson neuron firing at activity / dt with a
 * synapse strong enough for one input spike to make one output spike, plus sub-threshold recurrent
 * synapses (fan-out 10, delays 1..10 steps). About activity x N neurons spike per step.
 */
public final class SparseActivity {
    public static final String POPULATION = "cells";
    public static final double DT_SECONDS = 1e-4;

    private SparseActivity() {
    }

    public static Network network(int neurons, double activity, long seed) {
        Check.positive("neurons", neurons);
        if (!(activity > 0 && activity <= 1)) {
            throw new IllegalArgumentException("activity " + activity + ": must be a fraction in (0, 1]");
        }
        int[] identity = new int[neurons];
        for (int i = 0; i < neurons; i++) {
            identity[i] = i;
        }
        CubaLif lif = CubaLif.builder().tauMemSeconds(10e-3).tauSynSeconds(2e-3).vLeak(0).vThreshold(15e-3)
                .vReset(0).refractorySeconds(2e-3).build();
        return Network.builder()
                .source(SpikeSource.poisson("drive", neurons, activity / DT_SECONDS))
                .population(POPULATION, neurons, lif, InitialV.constant(0))
                .connect("drive", POPULATION, Connect.explicit(identity, identity), Weights.constant(0.2),
                        Delays.constantSteps(1))
                .connect(POPULATION, POPULATION, Connect.fixedFanOut(Math.min(10, neurons - 1)),
                        Weights.constant(0.02), Delays.uniformSteps(1, 10))
                .build(seed);
    }
}
