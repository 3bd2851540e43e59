package org.snn4j.model;

import java.util.Arrays;

/**
 * Current-based leaky integrate-and-fire neuron with exponential synaptic currents on P ports
 * (NEST {@code iaf_psc_exp}, NIR {@code CubaLIF}), an immutable value:
 *
 * <pre>
 *   tau_syn[p] dI_p/dt = -I_p                 (+ w at each arriving spike on port p)
 *   tau_mem    dV/dt   = -(V - V_leak) + R (sum_p I_p + I_bias + I_ext(t))
 *   V > V_th -> spike; reset TO_VALUE (V = V_reset) or SUBTRACT (V -= V_th - V_reset);
 *   then V is held for the refractory period while the currents keep decaying.
 * </pre>
 *
 * Units are SI: seconds, volts, amperes, ohms. With R = 1 the currents are in volts, as in the CUBA
 * benchmark where a synaptic weight is a voltage jump of the current variable.
 *
 * <p>tau_mem = +infinity makes a perfect integrator (NIR {@code IF}, {@code I}, Sinabs {@code IAF}):
 * {@code dV/dt = R (sum_p I_p + I_bias + I_ext(t))}, with no leak; there R is in volts per ampere-second.
 * V_th = +infinity never fires (NIR {@code LI}, {@code CubaLI}). The {@link Discretisation} says how a
 * step of dt is taken.
 *
 * <p>tau_syn = 0 makes a port a delta synapse (NEST {@code iaf_psc_delta}, snnTorch {@code Leaky}): an
 * arriving weight is a jump of V in volts within its step (alpha = 0, psc = 1), with no current.
 */
public final class CubaLif {
    private final double tauMemSeconds;
    private final double[] tauSynSeconds;
    private final double vLeak;
    private final double vThreshold;
    private final double vReset;
    private final ResetMode resetMode;
    private final double refractorySeconds;
    private final double biasCurrent;
    private final double resistance;
    private final Discretisation discretisation;

    private CubaLif(Builder b) {
        // an infinite tau_mem is a perfect integrator (NIR IF and I): see the class comment
        this.tauMemSeconds = b.tauMemSeconds == Double.POSITIVE_INFINITY ? b.tauMemSeconds
                : Check.positive("tauMemSeconds", b.tauMemSeconds);
        if (b.tauSynSeconds.length == 0) {
            throw new IllegalArgumentException("tauSynSeconds []: at least one synaptic port is required");
        }
        for (int p = 0; p < b.tauSynSeconds.length; p++) {
            Check.nonNegative("tauSynSeconds[" + p + "]", b.tauSynSeconds[p]);
        }
        this.tauSynSeconds = b.tauSynSeconds.clone();
        this.vLeak = Check.finite("vLeak", b.vLeak);
        // an infinite threshold never fires: a leaky integrator (NIR LI, CubaLI)
        this.vThreshold = b.vThreshold == Double.POSITIVE_INFINITY ? b.vThreshold
                : Check.finite("vThreshold", b.vThreshold);
        this.vReset = Check.finite("vReset", b.vReset);
        if (!(vThreshold > vReset)) {
            throw new IllegalArgumentException("vThreshold " + vThreshold + ": must be > vReset " + vReset);
        }
        this.resetMode = Check.notNull("resetMode", b.resetMode);
        this.refractorySeconds = Check.nonNegative("refractorySeconds", b.refractorySeconds);
        this.biasCurrent = Check.finite("biasCurrent", b.biasCurrent);
        this.resistance = Check.positive("resistance", b.resistance);
        this.discretisation = Check.notNull("discretisation", b.discretisation);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.tauMemSeconds = tauMemSeconds;
        b.tauSynSeconds = tauSynSeconds.clone();
        b.vLeak = vLeak;
        b.vThreshold = vThreshold;
        b.vReset = vReset;
        b.resetMode = resetMode;
        b.refractorySeconds = refractorySeconds;
        b.biasCurrent = biasCurrent;
        b.resistance = resistance;
        b.discretisation = discretisation;
        return b;
    }

    public double tauMemSeconds() {
        return tauMemSeconds;
    }

    public int ports() {
        return tauSynSeconds.length;
    }

    public double tauSynSeconds(int port) {
        return tauSynSeconds[port];
    }

    public double vLeak() {
        return vLeak;
    }

    public double vThreshold() {
        return vThreshold;
    }

    public double vReset() {
        return vReset;
    }

    public ResetMode resetMode() {
        return resetMode;
    }

    public double refractorySeconds() {
        return refractorySeconds;
    }

    public double biasCurrent() {
        return biasCurrent;
    }

    public double resistance() {
        return resistance;
    }

    public Discretisation discretisation() {
        return discretisation;
    }

    /** Steady-state potential under the bias current alone: V_inf = V_leak + R I_bias. */
    public double vInfinity() {
        return vLeak + resistance * biasCurrent;
    }

    /** Equal when every parameter is (doubles compared as {@link Double#compare} does). */
    @Override
    public boolean equals(Object o) {
        return o instanceof CubaLif m && Double.compare(m.tauMemSeconds, tauMemSeconds) == 0
                && Arrays.equals(m.tauSynSeconds, tauSynSeconds) && Double.compare(m.vLeak, vLeak) == 0
                && Double.compare(m.vThreshold, vThreshold) == 0 && Double.compare(m.vReset, vReset) == 0
                && m.resetMode == resetMode && Double.compare(m.refractorySeconds, refractorySeconds) == 0
                && Double.compare(m.biasCurrent, biasCurrent) == 0 && Double.compare(m.resistance, resistance) == 0
                && m.discretisation == discretisation;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(tauMemSeconds, Arrays.hashCode(tauSynSeconds), vLeak, vThreshold, vReset, resetMode,
                refractorySeconds, biasCurrent, resistance, discretisation);
    }

    @Override
    public String toString() {
        return "CubaLif[tauMem=" + tauMemSeconds + " s, tauSyn=" + Arrays.toString(tauSynSeconds)
                + " s, vLeak=" + vLeak + ", vTh=" + vThreshold + ", vReset=" + vReset + ", reset=" + resetMode
                + ", tRef=" + refractorySeconds + " s, Ibias=" + biasCurrent + ", R=" + resistance
                + (discretisation == Discretisation.EXACT ? "" : ", " + discretisation) + "]";
    }

    /** Builder with NEST-like defaults (tau_mem 10 ms, one port with tau_syn 2 ms, V_th 15 mV over V_leak 0). */
    public static final class Builder {
        private double tauMemSeconds = 10e-3;
        private double[] tauSynSeconds = {2e-3};
        private double vLeak = 0;
        private double vThreshold = 15e-3;
        private double vReset = 0;
        private ResetMode resetMode = ResetMode.TO_VALUE;
        private double refractorySeconds = 2e-3;
        private double biasCurrent = 0;
        private double resistance = 1;
        private Discretisation discretisation = Discretisation.EXACT;

        private Builder() {
        }

        public Builder tauMemSeconds(double v) {
            tauMemSeconds = v;
            return this;
        }

        /** One synaptic time constant per port; the number of values is the number of ports. */
        public Builder tauSynSeconds(double... perPort) {
            tauSynSeconds = Check.notNull("tauSynSeconds", perPort).clone();
            return this;
        }

        public Builder vLeak(double v) {
            vLeak = v;
            return this;
        }

        public Builder vThreshold(double v) {
            vThreshold = v;
            return this;
        }

        public Builder vReset(double v) {
            vReset = v;
            return this;
        }

        public Builder resetMode(ResetMode v) {
            resetMode = v;
            return this;
        }

        public Builder refractorySeconds(double v) {
            refractorySeconds = v;
            return this;
        }

        public Builder biasCurrent(double v) {
            biasCurrent = v;
            return this;
        }

        public Builder resistance(double v) {
            resistance = v;
            return this;
        }

        public Builder discretisation(Discretisation v) {
            discretisation = v;
            return this;
        }

        public CubaLif build() {
            return new CubaLif(this);
        }
    }
}
