package org.snn4j.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.snn4j.engine.Engines;

/** Bad input fails at once with a message that names the field and the value. */
class ValidationTest {
    private static final CubaLif LIF = CubaLif.builder().build();

    private static void fails(Executable e, String... fragments) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        for (String f : fragments) {
            assertTrue(ex.getMessage().contains(f), "message '" + ex.getMessage() + "' should contain '" + f + "'");
        }
    }

    @Test
    void zeroDelayCycleNamesThePopulations() {
        fails(() -> Network.builder()
                .population("a", 2, LIF).population("b", 2, LIF).population("c", 2, LIF)
                .connect("a", "b", Connect.allToAll(), Weights.constant(1), Delays.constantSteps(0))
                .connect("b", "c", Connect.allToAll(), Weights.constant(1), Delays.constantSteps(0))
                .connect("c", "a", Connect.allToAll(), Weights.constant(1), Delays.uniformSteps(0, 3))
                .build(1), "cycle", "'a' -> 'b' -> 'c' -> 'a'");
        fails(() -> Network.builder().population("self", 3, LIF)
                .connect("self", "self", Connect.allToAll(), Weights.constant(1), Delays.constantSteps(0))
                .build(1), "cycle", "'self' -> 'self'");
    }

    @Test
    void negativeDelayNamesTheSynapse() {
        fails(() -> Network.builder().population("a", 4, LIF).population("b", 10, LIF)
                .connect("a", "b", Connect.explicit(new int[] {0, 3}, new int[] {1, 9}), Weights.constant(1),
                        Delays.arraySteps(2, -1))
                .build(1), "delay -1", "synapse 1", "pre 3 -> post 9", ">= 0");
    }

    @Test
    void delayBeyondCapacity() {
        Network net = Network.builder().population("a", 2, LIF)
                .connect("a", "a", Connect.allToAll(), Weights.constant(1), Delays.constantSteps(40)).build(1);
        fails(() -> Engines.clock(net, 1e-4).delayCapacity(32).run(0.001), "delay 40", "capacity of 32");
        fails(() -> Network.builder().population("a", 2, LIF)
                .connect("a", "a", Connect.allToAll(), Weights.constant(1), Delays.constantSteps(40000)).build(1),
                "delay 40000", "<= 32767");
    }

    @Test
    void badNeuronParameters() {
        fails(() -> CubaLif.builder().tauMemSeconds(0).build(), "tauMemSeconds", "0.0", "> 0");
        fails(() -> CubaLif.builder().tauMemSeconds(-0.01).build(), "tauMemSeconds", "-0.01");
        fails(() -> CubaLif.builder().tauSynSeconds(5e-3, -1).build(), "tauSynSeconds[1]", "-1.0");
        fails(() -> CubaLif.builder().vThreshold(-0.06).vReset(-0.06).build(), "vThreshold", "-0.06", "vReset");
        fails(() -> CubaLif.builder().vThreshold(-0.07).vReset(-0.06).build(), "vThreshold -0.07");
        fails(() -> CubaLif.builder().refractorySeconds(Double.NaN).build(), "refractorySeconds", "NaN");
        fails(() -> CubaLif.builder().resistance(0).build(), "resistance");
    }

    @Test
    void nonFiniteWeights() {
        for (double w : new double[] {Double.NaN, Double.POSITIVE_INFINITY, 1e300}) {
            fails(() -> Network.builder().population("a", 3, LIF)
                    .connect("a", "a", Connect.allToAll(), Weights.constant(w), Delays.constantSteps(1)).build(1),
                    "weight " + w, "synapse 0", "finite");
        }
    }

    @Test
    void probabilityOutsideTheUnitInterval() {
        fails(() -> Connect.probability(1.5), "connection probability", "1.5", "[0, 1]");
        fails(() -> Connect.probability(-0.1), "connection probability", "-0.1");
        fails(() -> Connect.probability(Double.NaN), "connection probability", "NaN");
    }

    @Test
    void indicesOutOfRange() {
        fails(() -> Network.builder().population("a", 4, LIF).population("b", 5, LIF)
                .connect("a", "b", Connect.explicit(new int[] {0, 1}, new int[] {2, 5}), Weights.constant(1),
                        Delays.constantSteps(1))
                .build(1), "post 5", "synapse 1", "[0, 5)");
        fails(() -> Network.builder().population("a", 4, LIF)
                .connect("a", "a", Connect.explicit(new int[] {4}, new int[] {0}), Weights.constant(1),
                        Delays.constantSteps(1))
                .build(1), "pre 4", "[0, 4)");
        fails(() -> Network.builder().population("a", 4, LIF)
                .connect("a", "a", Connect.allToAll().sourceRange(0, 9), Weights.constant(1), Delays.constantSteps(1))
                .build(1), "sourceRange end 9");
        fails(() -> Network.builder().population("a", 4, LIF)
                .connect("a", "a", Connect.allToAll(), Weights.constant(1), Delays.constantSteps(1), Port.of(1))
                .build(1), "port 1", "1 port");
    }

    @Test
    void emptyOrUnknownPopulations() {
        fails(() -> Network.builder().population("a", 0, LIF), "size 0", "'a'", "> 0");
        fails(() -> Network.builder().population("a", -3, LIF), "size -3");
        fails(() -> Network.builder().population("a", 2, LIF)
                .connect("a", "zzz", Connect.allToAll(), Weights.constant(1), Delays.constantSteps(1)).build(1),
                "'zzz'", "no such population");
        fails(() -> Network.builder().population("a", 2, LIF).population("a", 3, LIF).build(1), "'a'", "twice");
        fails(() -> Network.builder().build(1), "at least one population");
    }

    @Test
    void badTimeStepAndDuration() {
        Network net = Network.builder().population("a", 2, LIF).build(1);
        fails(() -> Engines.clock(net, 0), "dtSeconds", "0.0", "> 0");
        fails(() -> Engines.clock(net, -1e-4), "dtSeconds", "-1.0E-4");
        fails(() -> Engines.clock(net, Double.NaN), "dtSeconds", "NaN");
        fails(() -> Engines.clock(net, 1e-4).run(-1), "durationSeconds", "-1.0");
    }

    @Test
    void badInputs() {
        fails(() -> SpikeSource.trains("s", new int[][] {{3, 2}}), "spike step 2", "spikeSteps[0][1]", "increasing");
        fails(() -> SpikeSource.trains("s", new int[][] {{0}}), "spike step 0", "from 1");
        fails(() -> SpikeSource.poisson("s", 3, -5), "rateHz", "-5.0");
        fails(() -> Network.builder().population("a", 3, LIF)
                .analogInput("a", new double[] {1, 2}, new double[] {0.5}, 1).build(1), "length 2", "size 3");
        fails(() -> Network.builder().population("a", 1, LIF)
                .analogInput("a", new double[] {1}, new double[] {0.5, Double.NaN}, 1).build(1), "series[1]", "NaN");
        fails(() -> Network.builder().population("a", 3, LIF, InitialV.array(1, 2)).build(1), "length 2", "size 3");
    }

    @org.junit.jupiter.api.Test
    void aHundredThousandPopulationsAreOrderedInLinearTime() {
        Network.Builder b = Network.builder();
        CubaLif lif = CubaLif.builder().build();
        int n = 100_000;
        for (int p = n - 1; p >= 0; p--) {
            b.population("p" + p, 1, lif);
        }
        // a zero-delay chain declared against the order: p0 -> p1 -> ... must be updated first to last
        for (int p = 0; p + 1 < n; p += 2) {
            b.connect("p" + p, "p" + (p + 1), Connect.allToAll(), Weights.constant(1), Delays.constantSteps(0));
        }
        long t0 = System.nanoTime();
        Network net = b.build(1);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        int[] order = net.updateOrder();
        int[] position = new int[n];
        for (int k = 0; k < n; k++) {
            position[order[k]] = k;
        }
        for (int p = 0; p + 1 < n; p += 2) {
            org.junit.jupiter.api.Assertions.assertTrue(position[net.populationIndex("p" + p)]
                    < position[net.populationIndex("p" + (p + 1))], "p" + p + " before p" + (p + 1));
        }
        // ties keep declaration order: p99999 (declared first) waits for p99998, which has no input and goes first
        org.junit.jupiter.api.Assertions.assertEquals(net.populationIndex("p99998"), order[0]);
        org.junit.jupiter.api.Assertions.assertEquals(net.populationIndex("p99999"), order[1]);
        org.junit.jupiter.api.Assertions.assertTrue(seconds < 30, "built in " + seconds + " s (quadratic would not finish)");
    }
}
