package org.snn4j.model;

/**
 * The exact one-step propagators of {@link CubaLif} for a step h (Rotter &amp; Diesmann 1999), the one
 * place where the LIF math lives. With the currents after this step's arrivals, I_p, the state a
 * step later is
 *
 * <pre>
 *   V'   = beta V + (1 - beta)(V_leak + R I_bias) + (1 - beta) R I_ext + sum_p psc[p] I_p
 *   I_p' = alpha[p] I_p
 * </pre>
 *
 * with beta = exp(-h/tau_mem), alpha[p] = exp(-h/tau_syn[p]) and
 * psc[p] = R tau_s / (tau_s - tau_m) (alpha[p] - beta), written as
 * R (h/tau_m) beta expm1(x)/x with x = h (1/tau_m - 1/tau_s), which is accurate for every pair of
 * time constants and tends to R (h/tau_m) exp(-h/tau_m) when tau_s == tau_m. A delta synapse
 * (tau_s = 0) has alpha = 0 and psc = 1: the weight is a voltage jump within the step.
 *
 * <p>{@link Discretisation#EULER} takes the same form with beta = 1 - h/tau_mem, alpha[p] = 1 -
 * h/tau_syn[p] and psc[p] = R h/tau_mem: V moves by h/tau_mem of its drive, the current after the
 * step's arrivals (snnTorch's order: {@code syn = alpha syn + x; mem = beta mem + syn}). A perfect
 * integrator (tau_mem infinite) has beta = 1, a held current gain R h and, exactly,
 * psc[p] = R tau_s (1 - alpha[p]).
 */
public final class LifPropagators {
    /** Decay of V - V_leak over one step. */
    public final double beta;
    private final double[] alpha;
    private final double[] psc;
    /** Constant drive per step: (1 - beta)(V_leak + R I_bias). */
    public final double restDrive;
    /** Gain of an external current held over the step: (1 - beta) R. */
    public final double currentGain;
    /** Refractory period in whole steps (rounded to the nearest step). */
    public final int refractorySteps;

    public LifPropagators(CubaLif model, double dtSeconds) {
        Check.positive("dtSeconds", dtSeconds);
        double tauM = model.tauMemSeconds();
        double r = model.resistance();
        boolean euler = model.discretisation() == Discretisation.EULER;
        boolean integrator = tauM == Double.POSITIVE_INFINITY;
        if (euler && dtSeconds > tauM) {
            throw new IllegalArgumentException("dt " + dtSeconds + " s: forward Euler needs dt <= tau_mem "
                    + tauM + " s (its decay 1 - dt/tau would be negative)");
        }
        // the fraction of the way to V_inf that V goes in one step, and its complement, the decay
        double oneMinusBeta = integrator ? 0 : euler ? dtSeconds / tauM : -Math.expm1(-dtSeconds / tauM);
        beta = integrator ? 1 : euler ? 1 - dtSeconds / tauM : Math.exp(-dtSeconds / tauM);
        // a perfect integrator has no V_inf: a held current adds R I dt per step
        double gain = integrator ? dtSeconds * r : oneMinusBeta * r;
        alpha = new double[model.ports()];
        psc = new double[model.ports()];
        for (int p = 0; p < alpha.length; p++) {
            double tauS = model.tauSynSeconds(p);
            if (tauS == 0) {
                // delta synapse: the weight is a jump of V within the step, not a current
                alpha[p] = 0;
                psc[p] = 1;
            } else if (euler) {
                if (dtSeconds > tauS) {
                    throw new IllegalArgumentException("dt " + dtSeconds + " s: forward Euler needs dt <= tau_syn["
                            + p + "] " + tauS + " s (its decay 1 - dt/tau would be negative)");
                }
                alpha[p] = 1 - dtSeconds / tauS;
                psc[p] = gain;
            } else if (integrator) {
                alpha[p] = Math.exp(-dtSeconds / tauS);
                psc[p] = r * tauS * -Math.expm1(-dtSeconds / tauS); // R times the current's integral over the step
            } else {
                alpha[p] = Math.exp(-dtSeconds / tauS);
                psc[p] = r * (dtSeconds / tauM) * beta * expm1OverX(dtSeconds * (1 / tauM - 1 / tauS));
            }
        }
        restDrive = integrator ? gain * model.biasCurrent() : oneMinusBeta * model.vInfinity();
        currentGain = gain;
        refractorySteps = (int) Math.round(model.refractorySeconds() / dtSeconds);
    }

    /** Decay of port p's current over one step: exp(-dt / tau_syn[p]) exactly, 1 - dt / tau_syn[p] by Euler. */
    public double alpha(int port) {
        return alpha[port];
    }

    /** Contribution of a unit current on port p at the start of the step to V at its end. */
    public double psc(int port) {
        return psc[port];
    }

    /** expm1(x)/x, continued by its limit 1 at x = 0. */
    static double expm1OverX(double x) {
        return x == 0 ? 1 : Math.expm1(x) / x;
    }
}
