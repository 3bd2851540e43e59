package org.snn4j.reference;

import org.snn4j.model.Connect;
import org.snn4j.model.CubaLif;
import org.snn4j.model.Delays;
import org.snn4j.model.InitialV;
import org.snn4j.model.Network;
import org.snn4j.model.SpikeSource;
import org.snn4j.model.Weights;

/**
 * A small layered network for comparing schedules: 100 Poisson inputs at 50 Hz -> 100 hidden LIF
 * neurons -> 10 output neurons, random weights, zero delays between layers (so that layer
 * synchronization matters), and delayed hidden recurrence. The output population is {@link #OUTPUT}.
 */
public final class FeedForward {
    public static final String INPUT = "input";
    public static final String HIDDEN = "hidden";
    public static final String OUTPUT = "output";
    public static final double DT_SECONDS = 1e-4;

    private FeedForward() {
    }

    public static Network network(long seed) {
        CubaLif lif = CubaLif.builder().tauMemSeconds(10e-3).tauSynSeconds(2e-3).vLeak(0).vThreshold(15e-3)
                .vReset(0).refractorySeconds(2e-3).build();
        return Network.builder()
                .source(SpikeSource.poisson(INPUT, 100, 50))
                .population(HIDDEN, 100, lif, InitialV.uniform(0, 15e-3))
                .population(OUTPUT, 10, lif, InitialV.uniform(0, 15e-3))
                .connect(INPUT, HIDDEN, Connect.probability(0.2), Weights.uniform(0, 1.2), Delays.constantSteps(0))
                .connect(HIDDEN, OUTPUT, Connect.probability(0.3), Weights.uniform(-0.5, 1.5), Delays.constantSteps(0))
                .connect(HIDDEN, HIDDEN, Connect.probability(0.05), Weights.uniform(-1, 1), Delays.uniformSteps(1, 20))
                .build(seed);
    }
}
