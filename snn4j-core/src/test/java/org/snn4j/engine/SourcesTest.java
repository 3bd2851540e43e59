package org.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.model.CubaLif;
import org.snn4j.model.InitialV;
import org.snn4j.model.Network;
import org.snn4j.model.SpikeSource;

class SourcesTest {
    @Test
    void poissonSourceFiresAtItsRateAndIsSeeded() {
        int n = 1000;
        double rate = 40;
        Network net = Network.builder().source(SpikeSource.poisson("p", n, rate))
                .population("x", 1, Fixtures.neuron().build()).build(5);
        RunResult a = Engines.clock(net, 1e-4).record(Monitor.spikes("p")).record(Monitor.rate("p")).run(1.0);
        long count = a.spikes("p").count();
        double expected = n * rate * 1.0;
        assertTrue(Math.abs(count - expected) < 4 * Math.sqrt(expected), "spikes " + count + " vs " + expected);
        assertEquals(count, a.cost().sourceSpikes());
        assertEquals(10_000, a.rate("p").countsPerStep().length);
        // neurons fire uniformly: the first and last tenth receive the same share
        int first = 0;
        int last = 0;
        for (int i : a.spikes("p").neurons()) {
            first += i < n / 10 ? 1 : 0;
            last += i >= n - n / 10 ? 1 : 0;
        }
        assertTrue(Math.abs(first - last) < 4 * Math.sqrt(2 * expected / 10), first + " vs " + last);
        RunResult b = Engines.clock(net, 1e-4).record(Monitor.spikes("p")).run(1.0);
        assertArrayEquals(a.spikes("p").neurons(), b.spikes("p").neurons());
        RunResult c = Engines.clock(net, 1e-4).seed(99).record(Monitor.spikes("p")).run(1.0);
        assertTrue(c.spikes("p").count() != count || !java.util.Arrays.equals(a.spikes("p").neurons(),
                c.spikes("p").neurons()), "another engine seed, another train");
    }

    @Test
    void spikeTrainsAreEmittedAtTheirSteps() {
        Network net = Network.builder().source(SpikeSource.trains("t", new int[][] {{3, 7}, {}, {7}}))
                .population("x", 1, Fixtures.neuron().build()).build(5);
        SpikeTrain s = Engines.clock(net, 1e-3).record(Monitor.spikes("t")).run(0.01).spikes("t");
        assertArrayEquals(new int[] {3, 7, 7}, s.steps());
        assertArrayEquals(new int[] {0, 0, 2}, s.neurons());
        assertArrayEquals(new double[] {0.003, 0.007, 0.007}, s.timesSeconds(), 1e-15);
    }

    /** An analog input held over several steps drives V like a bias of the same size. */
    @Test
    void analogInputDrivesLikeAHeldCurrent() {
        double tau = 10e-3;
        CubaLif model = Fixtures.neuron().tauMemSeconds(tau).vThreshold(1).build();
        double[] series = {0, 0.01, 0.004};
        int hold = 100;
        Network net = Network.builder().population("x", 2, model, InitialV.constant(0))
                .analogInput("x", new double[] {1, 2}, series, hold).build(1);
        float[][] v = Engines.clock(net, 1e-4).record(Monitor.states("x", StateVariable.V, 0, 1)).run(0.04)
                .state("x", StateVariable.V).values();
        double[] exact = new double[2];
        // float32 bound: relative rounding of beta and of the drive, over the contraction 1/(1 - beta)
        double bound = Math.ulp(1f) * 0.02 / (1 - Math.exp(-1e-4 / tau));
        for (int k = 1; k <= 400; k++) {
            double u = k <= 300 ? series[(k - 1) / hold] : 0;
            for (int i = 0; i < 2; i++) {
                double vInf = (i + 1) * u;
                exact[i] = vInf + (exact[i] - vInf) * Math.exp(-1e-4 / tau);
                assertEquals(exact[i], v[i][k - 1], bound, "neuron " + i + " step " + k);
            }
        }
        assertEquals(0f, v[0][99], "no drive during the first held value 0");
    }

    @Test
    void monitorsRecordOnlyWhatTheyWereAskedFor() {
        CubaLif model = Fixtures.neuron().biasCurrent(30e-3).build();
        Network net = Network.builder().population("x", 5, model, InitialV.array(0, 1e-3, 2e-3, 3e-3, 4e-3))
                .build(1);
        RunResult r = Engines.clock(net, 1e-4).record(Monitor.spikes("x", 1, 3)).record(Monitor.rate("x"))
                .run(0.05);
        for (int i : r.spikes("x").neurons()) {
            assertTrue(i == 1 || i == 3, "neuron " + i + " was not selected");
        }
        int total = 0;
        for (int c : r.rate("x").countsPerStep()) {
            total += c;
        }
        assertEquals(r.cost().spikes(), total);
        assertTrue(r.spikes("x").count() < total);
        assertEquals(total / (5 * 0.05), mean(r.rate("x").ratesHz()), 1e-9);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }
}
