package org.snn4j.reservoir;

import java.util.SplittableRandom;
import org.snn4j.model.Check;

/**
 * The NARMA-10 task (DESIGN.md): u[t] ~ U[0, 0.5] i.i.d. and
 * {@code y[t+1] = 0.3 y[t] + 0.05 y[t] sum_{i=0..9} y[t-i] + 1.5 u[t-9] u[t] + 0.1} for t >= 9, with
 * y[t] = 0 for t &lt;= 9. The model sees u[t] and predicts y[t+1]. An input sequence whose output
 * diverges (it happens for a small fraction of draws) is drawn again from the same stream.
 */
public final class Narma10 {
    /** Outputs above this are divergence: the bounded recurrence stays below 1 for inputs in [0, 0.5]. */
    static final double DIVERGENCE_BOUND = 1.0;
    private static final int MAX_DRAWS = 1000;

    private Narma10() {
    }

    /** An input sequence and its outputs: target[t] = y[t+1] is what the model predicts from u[0..t]. */
    public record Series(double[] input, double[] target) {
        public int length() {
            return input.length;
        }
    }

    /** A sequence of {@code length} inputs and targets, regenerated until it does not diverge. */
    public static Series generate(int length, long seed) {
        Check.positive("length", length);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            double[] u = new double[length];
            for (int t = 0; t < length; t++) {
                u[t] = 0.5 * rng.nextDouble();
            }
            double[] y = outputs(u);
            if (!diverged(y)) {
                double[] target = new double[length];
                System.arraycopy(y, 1, target, 0, length);
                return new Series(u, target);
            }
        }
        throw new IllegalStateException("NARMA-10: " + MAX_DRAWS + " draws of length " + length + " all diverged");
    }

    /** y[0..u.length] from the recurrence (y[t] = 0 for t &lt;= 9). */
    public static double[] outputs(double[] u) {
        double[] y = new double[u.length + 1];
        for (int t = 9; t < u.length; t++) {
            double sum = 0;
            for (int i = 0; i < 10; i++) {
                sum += y[t - i];
            }
            y[t + 1] = 0.3 * y[t] + 0.05 * y[t] * sum + 1.5 * u[t - 9] * u[t] + 0.1;
        }
        return y;
    }

    /** Whether an output sequence has left the bounded regime (non-finite or above the bound). */
    public static boolean diverged(double[] y) {
        for (double v : y) {
            if (!(Math.abs(v) <= DIVERGENCE_BOUND)) {
                return true;
            }
        }
        return false;
    }
}
