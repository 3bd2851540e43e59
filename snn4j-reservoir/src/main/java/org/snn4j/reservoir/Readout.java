package org.snn4j.reservoir;

/** Feature rows [1, u[t], state[t]...] for the linear readouts (DESIGN.md's readout features). */
public final class Readout {
    private Readout() {
    }

    public static double[][] design(double[] u, double[][] states) {
        double[][] rows = new double[u.length][];
        for (int t = 0; t < u.length; t++) {
            double[] s = states[t];
            double[] row = new double[s.length + 2];
            row[0] = 1;
            row[1] = u[t];
            System.arraycopy(s, 0, row, 2, s.length);
            rows[t] = row;
        }
        return rows;
    }
}
