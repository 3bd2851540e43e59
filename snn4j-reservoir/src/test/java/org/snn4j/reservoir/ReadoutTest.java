package org.snn4j.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReadoutTest {
    @Test
    void ridgeEqualsTheClosedFormOnASmallProblem() {
        // rows [1, x]: minimize sum (a + b x - y)^2 + p b^2, with the normal equations solved by hand
        double[][] rows = {{1, 0}, {1, 1}, {1, 2}, {1, 4}};
        double[] y = {1, 2, 2, 5};
        double p = 0.5;
        double n = 4;
        double sx = 7;
        double sxx = 21;
        double sy = 10;
        double sxy = 2 + 4 + 20;
        // [n sx; sx sxx+p] [a; b] = [sy; sxy]
        double det = n * (sxx + p) - sx * sx;
        double a = ((sxx + p) * sy - sx * sxy) / det;
        double b = (n * sxy - sx * sy) / det;
        assertArrayEquals(new double[] {a, b}, Ridge.fit(rows, y, 0, 4, p), 1e-12);
        // without penalty it recovers an exact linear model, bias included
        double[] exact = {3, -2};
        double[] target = new double[4];
        for (int t = 0; t < 4; t++) {
            target[t] = Ridge.predict(exact, rows[t]);
        }
        assertArrayEquals(exact, Ridge.fit(rows, target, 0, 4, 0), 1e-10);
    }

    @Test
    void theBiasIsNotPenalized() {
        double[][] rows = {{1, 0}, {1, 0}, {1, 0}};
        double[] y = {5, 5, 5};
        assertArrayEquals(new double[] {5, 0}, Ridge.fit(rows, y, 0, 3, 1e6), 1e-9);
    }

    @Test
    void nmseOfPerfectAndMeanPredictors() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] y = new double[5000];
        for (int t = 0; t < y.length; t++) {
            y[t] = rng.nextDouble();
        }
        assertEquals(0, Nmse.of(y, y, 0, y.length));
        double[] mean = new double[y.length];
        java.util.Arrays.fill(mean, 0.5);
        assertEquals(1, Nmse.of(mean, y, 0, y.length), 0.05);
    }

    @Test
    void memoryCapacityOfADelayLineIsItsLength() {
        Splits splits = new Splits(50, 1000, 1000);
        for (int length : new int[] {1, 5, 12}) {
            double mc = Evaluation.memoryCapacity(new DelayLine(length), splits, 30, 1e-9, 4);
            assertEquals(length, mc, 0.05, "delay line of length " + length);
        }
    }

    @Test
    void memoryCapacityWithoutRecurrenceOrInputIsAboutZero() {
        Splits splits = new Splits(50, 1000, 1000);
        // no recurrence (spectral radius 0) and no input (scale 0): the state is a constant
        double mc = Evaluation.memoryCapacity(new EchoStateNetwork(20, 0, 0, 1, 1), splits, 30, 1e-6, 4);
        assertTrue(mc < 0.1, "MC " + mc);
    }

    @Test
    void echoStateNetworkHasTheRequestedSpectralRadiusAndRemembers() {
        EchoStateNetwork esn = new EchoStateNetwork(30, 0.9, 0.5, 0.1, 2);
        assertEquals(930, esn.run(new double[] {0.1}).macsPerStep());
        Splits splits = new Splits(100, 1000, 1000);
        double mc = Evaluation.memoryCapacity(esn, splits, 40, 1e-8, 5);
        assertTrue(mc > 5 && mc <= 30.5, "an ESN of 30 tanh units remembers several steps, at most N: " + mc);
    }

    /**
     * The ESN baseline on NARMA-10 lands near the reference (NMSE 0.136 at N=50 with the issue's
     * tuning; docs/BENCHMARKS.md has the full grid): with a good fixed configuration and penalties
     * chosen on the validation span, one seed is well below the linear model's 0.36.
     */
    @Test
    void echoStateNetworkSolvesNarmaNearTheReference() {
        Narma10.Series series = Narma10.generate(Splits.NARMA.length(), 1000);
        Evaluation.NarmaScore s = Evaluation.narma(new EchoStateNetwork(50, 0.9, 0.1, 0, 2000), series, Splits.NARMA,
                new double[] {1e-10, 1e-8, 1e-6, 1e-4});
        assertTrue(s.testNmse() > 0.08 && s.testNmse() < 0.2, "test NMSE " + s.testNmse());
        // a linear model on u[t] alone (no memory) is far worse
        Evaluation.NarmaScore none = Evaluation.narma(new DelayLine(1), series, Splits.NARMA, new double[] {1e-8});
        assertTrue(none.testNmse() > 0.5, "memoryless NMSE " + none.testNmse());
        // the last 10 inputs: the linear baseline, about 0.36
        Evaluation.NarmaScore lin = Evaluation.narma(new DelayLine(9), series, Splits.NARMA, new double[] {1e-8});
        assertEquals(0.36, lin.testNmse(), 0.05);
    }
}
