package org.snn4j.reservoir;

import java.util.SplittableRandom;

/**
 * Readout fitting and scoring on the task splits: NARMA-10 NMSE with the ridge penalty chosen on the
 * validation span, and Jaeger's linear memory capacity.
 */
public final class Evaluation {
    private Evaluation() {
    }

    /** The outcome of one NARMA-10 evaluation. */
    public record NarmaScore(double penalty, double validationNmse, double testNmse, double[] prediction) {
    }

    /**
     * Fits the readout on [trainStart, validationStart) for each penalty, keeps the one with the lowest
     * validation NMSE, refits it on the whole training span and scores the test span.
     */
    public static NarmaScore narma(Reservoir reservoir, Narma10.Series series, Splits splits, double[] penalties) {
        splits.check("series", series.length());
        if (penalties.length == 0) {
            throw new IllegalArgumentException("penalties []: give at least one ridge penalty");
        }
        double[][] rows = Readout.design(series.input(), reservoir.run(series.input()).states());
        return score(rows, series.target(), splits, penalties);
    }

    /** The same procedure on given feature rows (column 0 = 1). */
    public static NarmaScore score(double[][] rows, double[] target, Splits splits, double[] penalties) {
        double bestPenalty = Double.NaN;
        double bestValidation = Double.POSITIVE_INFINITY;
        for (double penalty : penalties) {
            double[] w = Ridge.fit(rows, target, splits.trainStart(), splits.validationStart(), penalty);
            double nmse = Nmse.of(Ridge.predictAll(w, rows), target, splits.validationStart(), splits.testStart());
            if (nmse < bestValidation) {
                bestValidation = nmse;
                bestPenalty = penalty;
            }
        }
        double[] w = Ridge.fit(rows, target, splits.trainStart(), splits.testStart(), bestPenalty);
        double[] prediction = Ridge.predictAll(w, rows);
        return new NarmaScore(bestPenalty, bestValidation, Nmse.of(prediction, target, splits.testStart(), splits.end()),
                prediction);
    }

    /**
     * Linear memory capacity (Jaeger 2001): MC = sum over k = 1..kMax of the squared correlation, on the
     * test span, between u[t-k] and its ridge reconstruction from the features at t (fitted on the
     * training span), for an i.i.d. uniform input u.
     */
    public static double memoryCapacity(Reservoir reservoir, Splits splits, int kMax, double penalty, long seed) {
        if (kMax < 1) {
            throw new IllegalArgumentException("kMax " + kMax + ": must be >= 1");
        }
        if (kMax > splits.washout()) {
            throw new IllegalArgumentException("kMax " + kMax + ": must be <= the washout " + splits.washout()
                    + " (u[t-k] must exist on the training span)");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] u = new double[splits.length()];
        for (int t = 0; t < u.length; t++) {
            u[t] = rng.nextDouble() - 0.5;
        }
        double[][] rows = Readout.design(u, reservoir.run(u).states());
        double mc = 0;
        double[] delayed = new double[u.length];
        for (int k = 1; k <= kMax; k++) {
            for (int t = 0; t < u.length; t++) {
                delayed[t] = t - k >= 0 ? u[t - k] : 0;
            }
            double[] w = Ridge.fit(rows, delayed, splits.trainStart(), splits.testStart(), penalty);
            double[] p = Ridge.predictAll(w, rows);
            double r = correlation(p, delayed, splits.testStart(), splits.end());
            mc += r * r;
        }
        return mc;
    }

    static double correlation(double[] a, double[] b, int from, int to) {
        double ma = 0;
        double mb = 0;
        for (int t = from; t < to; t++) {
            ma += a[t];
            mb += b[t];
        }
        ma /= to - from;
        mb /= to - from;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int t = from; t < to; t++) {
            double da = a[t] - ma;
            double db = b[t] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
    }
}
