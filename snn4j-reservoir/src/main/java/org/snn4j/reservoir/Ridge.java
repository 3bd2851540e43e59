package org.snn4j.reservoir;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Ridge regression of a target on feature rows whose column 0 is the constant 1 (the bias, not
 * penalized): w = argmin |X w - y|^2 + penalty sum_{j>=1} w_j^2, solved from the normal equations by
 * Cholesky (EJML), or by a pseudo-inverse when they are singular.
 */
public final class Ridge {
    private Ridge() {
    }

    /** Fits on rows [from, to) of {@code features} (row t = features of step t) against target[t]. */
    public static double[] fit(double[][] features, double[] target, int from, int to, double penalty) {
        if (!(penalty >= 0) || Double.isInfinite(penalty)) {
            throw new IllegalArgumentException("penalty " + penalty + ": must be a finite number >= 0");
        }
        int f = features[from].length;
        DMatrixRMaj gram = new DMatrixRMaj(f, f);
        DMatrixRMaj xty = new DMatrixRMaj(f, 1);
        double[] g = gram.data;
        for (int t = from; t < to; t++) {
            double[] row = features[t];
            double y = target[t];
            for (int i = 0; i < f; i++) {
                double ri = row[i];
                if (ri == 0) {
                    continue;
                }
                int base = i * f;
                for (int j = i; j < f; j++) {
                    g[base + j] += ri * row[j];
                }
                xty.data[i] += ri * y;
            }
        }
        for (int i = 0; i < f; i++) {
            for (int j = 0; j < i; j++) {
                g[i * f + j] = g[j * f + i];
            }
            if (i > 0) {
                g[i * f + i] += penalty;
            }
        }
        DMatrixRMaj w = new DMatrixRMaj(f, 1);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(f);
        if (!solver.setA(gram.copy()) || !solvedFinite(solver, xty, w)) {
            LinearSolverDense<DMatrixRMaj> pinv = LinearSolverFactory_DDRM.pseudoInverse(true);
            pinv.setA(gram);
            pinv.solve(xty, w);
        }
        return w.data.clone();
    }

    /** Solves; false when the solution is not finite (a numerically singular system). */
    private static boolean solvedFinite(LinearSolverDense<DMatrixRMaj> solver, DMatrixRMaj b, DMatrixRMaj x) {
        solver.solve(b, x);
        for (double v : x.data) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
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
