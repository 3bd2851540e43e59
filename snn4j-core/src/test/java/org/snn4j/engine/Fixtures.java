package org.snn4j.engine;

import org.snn4j.model.CubaLif;
import org.snn4j.model.InitialV;
import org.snn4j.model.Network;

/** Small networks shared by the engine tests. */
final class Fixtures {
    static final double DT = 1e-4;

    private Fixtures() {
    }

    /** tau_mem 10 ms, one port of 2 ms, V_leak 0, V_th 15 mV, V_reset 0, R 1. */
    static CubaLif.Builder neuron() {
        return CubaLif.builder().tauMemSeconds(10e-3).tauSynSeconds(2e-3).vLeak(0).vThreshold(15e-3).vReset(0)
                .refractorySeconds(2e-3).resistance(1);
    }

    /** One neuron alone, starting at v0, recording its spikes and V. */
    static RunResult single(CubaLif model, double v0, double seconds) {
        Network net = Network.builder().population("n", 1, model, InitialV.constant(v0)).build(1);
        return Engines.clock(net, DT).record(Monitor.allSpikes()).record(Monitor.states("n", StateVariable.V, 0))
                .run(seconds);
    }
}
