package org.snn4j.model;

/** A reference integrator for tests: classical RK4 of the CUBA-LIF equations on h/1000 substeps. */
public final class FineStepReference {
    private FineStepReference() {
    }

    /**
     * Integrates tau_s dI/dt = -I, tau_m dV/dt = -(V - V_leak) + R (I + I_bias) over one step h;
     * returns {V, I} at its end.
     */
    public static double[] step(double v, double i, double h, double tauM, double tauS, double vLeak, double r,
            double bias) {
        int sub = 1000;
        double dt = h / sub;
        for (int k = 0; k < sub; k++) {
            double[] k1 = deriv(v, i, tauM, tauS, vLeak, r, bias);
            double[] k2 = deriv(v + dt / 2 * k1[0], i + dt / 2 * k1[1], tauM, tauS, vLeak, r, bias);
            double[] k3 = deriv(v + dt / 2 * k2[0], i + dt / 2 * k2[1], tauM, tauS, vLeak, r, bias);
            double[] k4 = deriv(v + dt * k3[0], i + dt * k3[1], tauM, tauS, vLeak, r, bias);
            v += dt / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
            i += dt / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
        }
        return new double[] {v, i};
    }

    private static double[] deriv(double v, double i, double tauM, double tauS, double vLeak, double r, double bias) {
        return new double[] {(-(v - vLeak) + r * (i + bias)) / tauM, -i / tauS};
    }
}
