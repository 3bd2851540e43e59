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
        Ridge.Normal fitValidation = new Ridge.Normal(rows, splits.trainStart(), splits.validationStart());
        double bestPenalty = Double.NaN;
        double bestValidation = Double.POSITIVE_INFINITY;
        for (double penalty : penalties) {
            double[] w = fitValidation.solve(penalty, target);
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

    /** The outcome of one memory-capacity evaluation. */
    public record CapacityScore(double penalty, double validationCapacity, double testCapacity) {
    }

    /**
     * Linear memory capacity (Jaeger 2001) for one fixed penalty: MC = sum over k = 1..kMax of the
     * squared correlation, on the test span, between u[t-k] and its ridge reconstruction from the
     * features at t (fitted on the training span), for u i.i.d. uniform in [-0.5, 0.5).
     */
    public static double memoryCapacity(Reservoir reservoir, Splits splits, int kMax, double penalty, long seed) {
        return memoryCapacity(reservoir, splits, kMax, new double[] {penalty}, seed).testCapacity();
    }

    /**
     * Memory capacity with the penalty chosen on the validation span (readouts fitted on the rest of
     * the training span), then refitted on the whole training span and scored on the test span.
     */
    public static CapacityScore memoryCapacity(Reservoir reservoir, Splits splits, int kMax, double[] penalties,
            long seed) {
        double[] u = capacityInput(splits, kMax, seed);
        return capacity(Readout.design(u, reservoir.run(u).states()), u, splits, kMax, penalties);
    }

    /** The i.i.d. input of a memory-capacity run. */
    static double[] capacityInput(Splits splits, int kMax, long seed) {
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
        return u;
    }

    /** Memory capacity on given feature rows (column 0 = 1) of the input u. */
    static CapacityScore capacity(double[][] rows, double[] u, Splits splits, int kMax, double[] penalties) {
        double[][] delayed = new double[kMax + 1][u.length];
        for (int k = 1; k <= kMax; k++) {
            for (int t = k; t < u.length; t++) {
                delayed[k][t] = u[t - k];
            }
        }
        Ridge.Normal fitValidation = new Ridge.Normal(rows, splits.trainStart(), splits.validationStart());
        double bestPenalty = Double.NaN;
        double bestValidation = Double.NEGATIVE_INFINITY;
        for (double penalty : penalties) {
            double mc = capacitySum(fitValidation, rows, delayed, penalty, splits.validationStart(), splits.testStart());
            if (mc > bestValidation) {
                bestValidation = mc;
                bestPenalty = penalty;
            }
        }
        Ridge.Normal fitTraining = new Ridge.Normal(rows, splits.trainStart(), splits.testStart());
        double test = capacitySum(fitTraining, rows, delayed, bestPenalty, splits.testStart(), splits.end());
        return new CapacityScore(bestPenalty, bestValidation, test);
    }

    private static double capacitySum(Ridge.Normal normal, double[][] rows, double[][] delayed, double penalty,
            int scoreFrom, int scoreTo) {
        double mc = 0;
        for (int k = 1; k < delayed.length; k++) {
            double[] w = normal.solve(penalty, delayed[k]);
            double r = correlation(Ridge.predictAll(w, rows), delayed[k], scoreFrom, scoreTo);
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
