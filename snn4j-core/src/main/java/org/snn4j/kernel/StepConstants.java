package org.snn4j.kernel;

import org.snn4j.model.CubaLif;
import org.snn4j.model.LifPropagators;
import org.snn4j.model.ResetMode;

/**
 * The float32 constants of one population's step, derived once from {@link LifPropagators}: the
 * numbers every engine and trainer integrates with ({@link LifStep}). Immutable; the scalars are
 * public fields, the per-port values are read through {@link #alpha(int)}, {@link #psc(int)} and the
 * other accessors.
 */
public final class StepConstants {
    public final int ports;
    public final float beta;
    public final float restDrive;
    public final float currentGain;
    final float[] alpha;
    final float[] psc;
    public final float vThreshold;
    public final float vReset;
    /** V_th - V_reset, subtracted in SUBTRACT mode. */
    public final float resetStep;
    public final boolean subtractReset;
    public final int refractorySteps;
    /**
     * The closed-form advance's tables, made on first use (only the event engine's closed-form touch
     * needs them; about 50 KB a population): immutable once made, so a race can only make them twice.
     */
    private Tables tables;
    /** 1 / (1 - beta): V_inf per unit of drive (infinite without leak). */
    public final double vInfPerDrive;
    /**
     * Per port, whether a free neuron driven through it alone has V = C + A beta^m + B alpha^m with
     * 0 < alpha, beta < 1 and alpha != beta (at most one extremum, found from the derivative), and
     * the constants of that form: 1 / (beta - alpha), ln alpha, 1 / ln(beta / alpha); and ln beta.
     */
    final boolean[] oneExtremum;
    final double[] invBetaMinusAlpha;
    final double[] lnAlpha;
    final double[] invLnBetaOverAlpha;
    public final double lnBeta;
    /**
     * Per port, the peak over k >= 1 of the V response to a unit current without further input,
     * (beta^k - alpha^k) / (beta - alpha) (k beta^(k-1) when equal): a bound on how far a current can
     * still lift V.
     */
    final double[] peakGain;
    static final int POWERS = 2048;

    public StepConstants(CubaLif model, double dtSeconds) {
        LifPropagators p = new LifPropagators(model, dtSeconds);
        ports = model.ports();
        beta = (float) p.beta;
        restDrive = (float) p.restDrive;
        currentGain = (float) p.currentGain;
        alpha = new float[ports];
        psc = new float[ports];
        for (int q = 0; q < ports; q++) {
            alpha[q] = (float) p.alpha(q);
            psc[q] = (float) p.psc(q);
        }
        vThreshold = (float) model.vThreshold();
        vReset = (float) model.vReset();
        resetStep = (float) (model.vThreshold() - model.vReset());
        subtractReset = model.resetMode() == ResetMode.SUBTRACT;
        refractorySteps = p.refractorySteps;
        peakGain = new double[ports];
        for (int q = 0; q < ports; q++) {
            peakGain[q] = peakGain(beta, alpha[q]);
        }
        vInfPerDrive = 1 / (1 - (double) beta);
        lnBeta = Math.log(beta);
        oneExtremum = new boolean[ports];
        invBetaMinusAlpha = new double[ports];
        lnAlpha = new double[ports];
        invLnBetaOverAlpha = new double[ports];
        for (int q = 0; q < ports; q++) {
            double a = alpha[q];
            oneExtremum[q] = a > 0 && a < 1 && beta > 0 && beta < 1 && alpha[q] != beta;
            invBetaMinusAlpha[q] = 1 / (beta - a);
            lnAlpha[q] = Math.log(a);
            invLnBetaOverAlpha[q] = 1 / Math.log(beta / a);
        }
    }

    /**
     * beta^k and alpha_p^k for k = 0..POWERS (Math.pow, once), and the closed-form advance's gains, so
     * that it needs no division: the V that a unit resting drive adds over k steps, sum_{j<k} beta^j, and
     * per port the V that a unit current adds, (beta^k - alpha^k) / (beta - alpha) (k beta^(k-1) when equal).
     */
    private static final class Tables {
        final double[] betaPow;
        final double[][] alphaPow;
        final double[] restResponse;
        final double[][] pscResponse;

        Tables(float beta, float[] alpha) {
            int ports = alpha.length;
            betaPow = powers(beta);
            alphaPow = new double[ports][];
            restResponse = new double[POWERS + 1];
            pscResponse = new double[ports][POWERS + 1];
            for (int k = 0; k <= POWERS; k++) {
                restResponse[k] = restResponse(beta, betaPow[k], k);
            }
            for (int q = 0; q < ports; q++) {
                alphaPow[q] = powers(alpha[q]);
                for (int k = 0; k <= POWERS; k++) {
                    pscResponse[q][k] = pscResponse(beta, alpha[q], betaPow[k], alphaPow[q][k], k);
                }
            }
        }
    }

    private Tables tables() {
        Tables t = tables;
        if (t == null) {
            t = new Tables(beta, alpha);
            tables = t;
        }
        return t;
    }

    private static double restResponse(double b, double bk, long k) {
        return b == 1.0 ? k : (1 - bk) / (1 - b);
    }

    private static double pscResponse(double b, double a, double bk, double ak, long k) {
        return a == b ? k * Math.pow(b, k - 1) : (bk - ak) / (b - a);
    }

    private static double[] powers(double x) {
        double[] out = new double[POWERS + 1];
        for (int k = 0; k <= POWERS; k++) {
            out[k] = Math.pow(x, k);
        }
        return out;
    }

    /**
     * max over integer k >= 1 of g(k) = (b^k - a^k) / (b - a) (k b^(k-1) when a = b). g is unimodal,
     * with its continuous maximum at t = ln(ln a / ln b) / ln(b / a) (t = -1 / ln b when a = b), so the
     * integer maximum is at floor(t) or floor(t) + 1. Limits: a vanishing factor (delta synapse, or no
     * membrane memory) gives g(k) = x^(k-1), peak 1; a factor of 1 (no decay) gives the supremum
     * 1 / (1 - x) of the other, or no bound at all.
     */
    public static double peakGain(double b, double a) {
        if (a <= 0 || b <= 0) {
            return 1;
        }
        if (a >= 1 && b >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (a >= 1 || b >= 1) {
            return 1 / (1 - Math.min(a, b));
        }
        double t = a == b ? -1 / Math.log(b) : Math.log(Math.log(a) / Math.log(b)) / Math.log(b / a);
        double k = Math.max(1, Math.floor(t));
        return Math.max(gain(b, a, k), gain(b, a, k + 1));
    }

    private static double gain(double b, double a, double k) {
        return a == b ? k * Math.pow(b, k - 1) : (Math.pow(b, k) - Math.pow(a, k)) / (b - a);
    }

    /** The current's decay per step in port p, exp(-dt / tau_syn_p) or 1 - dt / tau_syn_p (0 for a delta synapse). */
    public float alpha(int p) {
        return alpha[p];
    }

    /** The V a unit current in port p adds within one step. */
    public float psc(int p) {
        return psc[p];
    }

    /** The peak over k >= 1 of the V response to a unit current in port p ({@link #peakGain(double, double)}). */
    public double peakGain(int p) {
        return peakGain[p];
    }

    /** Whether V of a free neuron driven through port p alone has at most one extremum (see the field). */
    public boolean oneExtremum(int p) {
        return oneExtremum[p];
    }

    /** 1 / (beta - alpha_p). */
    public double invBetaMinusAlpha(int p) {
        return invBetaMinusAlpha[p];
    }

    /** ln alpha_p. */
    public double lnAlpha(int p) {
        return lnAlpha[p];
    }

    /** 1 / ln(beta / alpha_p). */
    public double invLnBetaOverAlpha(int p) {
        return invLnBetaOverAlpha[p];
    }

    public double betaPow(long k) {
        return k <= POWERS ? tables().betaPow[(int) k] : Math.pow(beta, k);
    }

    public double alphaPow(int port, long k) {
        return k <= POWERS ? tables().alphaPow[port][(int) k] : Math.pow(alpha[port], k);
    }

    /** sum_{j&lt;k} beta^j: the V a unit resting drive adds over k steps from V = 0. */
    public double restResponse(long k) {
        return k <= POWERS ? tables().restResponse[(int) k] : restResponse(beta, betaPow(k), k);
    }

    /** The V a unit current in port p adds over k steps without further input, from V = 0. */
    public double pscResponse(int p, long k) {
        return k <= POWERS ? tables().pscResponse[p][(int) k]
                : pscResponse(beta, alpha[p], betaPow(k), alphaPow(p, k), k);
    }
}
