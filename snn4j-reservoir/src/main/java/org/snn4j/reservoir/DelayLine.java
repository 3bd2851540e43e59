package org.snn4j.reservoir;

import org.snn4j.model.Check;

/** An exact shift register of its input: state[t] = (u[t-1], ..., u[t-L]), zeros before the start. */
public final class DelayLine implements Reservoir {
    private final int length;

    public DelayLine(int length) {
        this.length = Check.positive("length", length);
    }

    @Override
    public int size() {
        return length;
    }

    @Override
    public Run run(double[] u) {
        return new Run(states(u), 0, 0, 0, 0);
    }

    private double[][] states(double[] u) {
        double[][] out = new double[u.length][length];
        for (int t = 0; t < u.length; t++) {
            for (int k = 1; k <= length && t - k >= 0; k++) {
                out[t][k - 1] = u[t - k];
            }
        }
        return out;
    }
}
