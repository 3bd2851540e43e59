package org.snn4j.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Narma10Test {
    @Test
    void recurrenceRecomputedByHand() {
        double[] u = new double[13];
        for (int t = 0; t < u.length; t++) {
            u[t] = 0.01 * (t + 1);
        }
        double[] y = Narma10.outputs(u);
        for (int t = 0; t <= 9; t++) {
            assertEquals(0, y[t], "y[" + t + "]");
        }
        double y10 = 1.5 * u[0] * u[9] + 0.1;
        assertEquals(y10, y[10], 1e-15);
        double y11 = 0.3 * y10 + 0.05 * y10 * y10 + 1.5 * u[1] * u[10] + 0.1;
        assertEquals(y11, y[11], 1e-15);
        double y12 = 0.3 * y11 + 0.05 * y11 * (y11 + y10) + 1.5 * u[2] * u[11] + 0.1;
        assertEquals(y12, y[12], 1e-15);
        double y13 = 0.3 * y12 + 0.05 * y12 * (y12 + y11 + y10) + 1.5 * u[3] * u[12] + 0.1;
        assertEquals(y13, y[13], 1e-15);
    }

    @Test
    void generatedSeriesIsSeededBoundedAndAlignedWithItsTargets() {
        Narma10.Series a = Narma10.generate(4200, 7);
        Narma10.Series b = Narma10.generate(4200, 7);
        assertArrayEquals(a.input(), b.input());
        double[] y = Narma10.outputs(a.input());
        for (int t = 0; t < a.length(); t++) {
            assertTrue(a.input()[t] >= 0 && a.input()[t] < 0.5);
            assertEquals(y[t + 1], a.target()[t], "target[t] = y[t+1]");
        }
        assertFalse(Narma10.diverged(y));
    }

    @Test
    void divergenceIsDetected() {
        double[] u = new double[400];
        java.util.Arrays.fill(u, 1.0); // inputs far outside [0, 0.5] drive the recurrence to blow up
        assertTrue(Narma10.diverged(Narma10.outputs(u)));
        assertTrue(Narma10.diverged(new double[] {0.1, Double.NaN}));
        assertFalse(Narma10.diverged(new double[] {0.1, 0.5, 0.9}));
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> Narma10.generate(0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.narma(new DelayLine(3), Narma10.generate(1000, 1), Splits.NARMA, new double[] {1e-6}));
        assertTrue(e.getMessage().contains("series length 1000") && e.getMessage().contains("4200"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Splits(-1, 100, 100));
        assertThrows(IllegalArgumentException.class, () -> new Splits(10, 4, 100));
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> Ridge.fit(new double[][] {{1, 2}, {1, 3}}, new double[] {1, 2}, 0, 2, -1));
        assertTrue(p.getMessage().contains("penalty -1.0"), p.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EchoStateNetwork(0, 0.9, 1, 1, 1));
    }
}
