package org.snn4j.reservoir;

/** Normalized mean squared error over a span: mean((yhat - y)^2) / var(y). */
public final class Nmse {
    private Nmse() {
    }

    public static double of(double[] predicted, double[] target, int from, int to) {
        if (to - from < 2) {
            throw new IllegalArgumentException("span [" + from + ", " + to + "): needs at least 2 steps");
        }
        double mean = 0;
        for (int t = from; t < to; t++) {
            mean += target[t];
        }
        mean /= to - from;
        double err = 0;
        double var = 0;
        for (int t = from; t < to; t++) {
            double e = predicted[t] - target[t];
            double d = target[t] - mean;
            err += e * e;
            var += d * d;
        }
        return var == 0 ? Double.NaN : err / var;
    }
}
