package org.snn4j.engine;

import org.snn4j.model.CubaLif;
import org.snn4j.model.LifPropagators;
import org.snn4j.model.ResetMode;

/** The float32 constants of one population's step, derived once from {@link LifPropagators}. */
final class StepConstants {
    final int ports;
    final float beta;
    final float restDrive;
    final float currentGain;
    final float[] alpha;
    final float[] psc;
    final float vThreshold;
    final float vReset;
    /** V_th - V_reset, subtracted in SUBTRACT mode. */
    final float resetStep;
    final boolean subtractReset;
    final int refractorySteps;
    /** beta^k and alpha_p^k for k = 0..POWERS (Math.pow, once), for the closed-form advance. */
    private final double[] betaPow;
    private final double[][] alphaPow;
    /**
     * Per port, the peak over k >= 1 of the V response to a unit current without further input,
     * (beta^k - alpha^k) / (beta - alpha) (k beta^(k-1) when equal): a bound on how far a current can
     * still lift V.
     */
    final double[] peakGain;
    static final int POWERS = 2048;

    StepConstants(CubaLif model, double dtSeconds) {
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
        betaPow = powers(beta);
        alphaPow = new double[ports][];
        peakGain = new double[ports];
        for (int q = 0; q < ports; q++) {
            alphaPow[q] = powers(alpha[q]);
            peakGain[q] = peakGain(beta, alpha[q]);
        }
    }

    private static double[] powers(double x) {
        double[] out = new double[POWERS + 1];
        for (int k = 0; k <= POWERS; k++) {
            out[k] = Math.pow(x, k);
        }
        return out;
    }

    /** The response rises then decays (or only decays), so the scan stops at its first decrease. */
    private static double peakGain(double b, double a) {
        double peak = 0;
        for (long k = 1; k < 100_000_000L; k++) {
            double g = a == b ? k * Math.pow(b, k - 1) : (Math.pow(b, k) - Math.pow(a, k)) / (b - a);
            if (g < peak) {
                break;
            }
            peak = g;
        }
        return peak;
    }

    double betaPow(long k) {
        return k <= POWERS ? betaPow[(int) k] : Math.pow(beta, k);
    }

    double alphaPow(int port, long k) {
        return k <= POWERS ? alphaPow[port][(int) k] : Math.pow(alpha[port], k);
    }
}
