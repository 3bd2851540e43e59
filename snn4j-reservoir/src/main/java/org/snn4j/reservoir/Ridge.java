package org.snn4j.reservoir;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Ridge regression of targets on feature rows whose column 0 is the constant 1 (the bias, not
 * penalized): w = argmin |X w - y|^2 + penalty sum_{j>=1} w_j^2, from the normal equations
 * (X'X + penalty D) w = X'y by Cholesky (EJML), or by a pseudo-inverse when they are singular.
 * {@link Normal} keeps X'X of a span so that many targets and penalties share it.
 */
public final class Ridge {
    private Ridge() {
    }

    /** Fits on rows [from, to) of {@code features} (row t = features of step t) against target[t]. */
    public static double[] fit(double[][] features, double[] target, int from, int to, double penalty) {
        return new Normal(features, from, to).solve(penalty, target);
    }

    /** The normal equations of one span of rows: X'X once, a factorization per penalty, X'y per target. */
    public static final class Normal {
        private final double[][] rows;
        private final int from;
        private final int to;
        private final int f;
        private final DMatrixRMaj gram;
        private double factoredPenalty = Double.NaN;
        private LinearSolverDense<DMatrixRMaj> solver;

        public Normal(double[][] rows, int from, int to) {
            if (to <= from) {
                throw new IllegalArgumentException("span [" + from + ", " + to + "): needs at least one row");
            }
            this.rows = rows;
            this.from = from;
            this.to = to;
            this.f = rows[from].length;
            gram = new DMatrixRMaj(f, f);
            double[] g = gram.data;
            for (int t = from; t < to; t++) {
                double[] row = rows[t];
                for (int i = 0; i < f; i++) {
                    double ri = row[i];
                    if (ri == 0) {
                        continue;
                    }
                    int base = i * f;
                    for (int j = i; j < f; j++) {
                        g[base + j] += ri * row[j];
                    }
                }
            }
            for (int i = 0; i < f; i++) {
                for (int j = 0; j < i; j++) {
                    g[i * f + j] = g[j * f + i];
                }
            }
        }

        /** The ridge weights for one target and penalty (the factorization is reused while the penalty is). */
        public double[] solve(double penalty, double[] target) {
            if (!(penalty >= 0) || Double.isInfinite(penalty)) {
                throw new IllegalArgumentException("penalty " + penalty + ": must be a finite number >= 0");
            }
            DMatrixRMaj xty = new DMatrixRMaj(f, 1);
            for (int t = from; t < to; t++) {
                double[] row = rows[t];
                double y = target[t];
                for (int i = 0; i < f; i++) {
                    xty.data[i] += row[i] * y;
                }
            }
            if (penalty != factoredPenalty) {
                DMatrixRMaj a = gram.copy();
                for (int i = 1; i < f; i++) {
                    a.data[i * f + i] += penalty;
                }
                solver = LinearSolverFactory_DDRM.symmPosDef(f);
                if (!solver.setA(a.copy())) {
                    solver = LinearSolverFactory_DDRM.pseudoInverse(true);
                    solver.setA(a);
                }
                factoredPenalty = penalty;
            }
            DMatrixRMaj w = new DMatrixRMaj(f, 1);
            solver.solve(xty, w);
            for (double v : w.data) {
                if (!Double.isFinite(v)) {
                    // numerically singular for Cholesky: fall back to the pseudo-inverse for this penalty
                    DMatrixRMaj a = gram.copy();
                    for (int i = 1; i < f; i++) {
                        a.data[i * f + i] += penalty;
                    }
                    solver = LinearSolverFactory_DDRM.pseudoInverse(true);
                    solver.setA(a);
                    solver.solve(xty, w);
                    break;
                }
            }
            return w.data.clone();
        }
    }

    /** w . row. */
    public static double predict(double[] w, double[] row) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += w[i] * row[i];
        }
        return s;
    }

    /** Predictions for every row. */
    public static double[] predictAll(double[] w, double[][] features) {
        double[] out = new double[features.length];
        for (int t = 0; t < features.length; t++) {
            out[t] = predict(w, features[t]);
        }
        return out;
    }
}
