package org.snn4j.kernel;

/**
 * The float32 LIF kernel: one step of a slice [lo, hi) of a population, its per-neuron, closed-form and
 * trainer forms, the reset, and the zero-delay arrival. The only place where the math of
 * {@link org.snn4j.model.LifPropagators} is applied: the clock engine, the event engine's touches and
 * both trainers call these methods, so they compute the same floats by construction. Per neuron, in
 * this order (the order fixes the rounding):
 *
 * <pre>
 *   c_p   = I_p + arrivals_p                (this step's arrivals enter the current first)
 *   drive = psc_0 c_0 + psc_1 c_1 + ...     (ext + psc_0 c_0 + ... with an external drive)
 *   I_p   = alpha_p c_p
 *   V'    = (beta V + restDrive) + drive    unless refractory (then V is held)
 *   V' > V_th and not refractory -> spike; V' = V_reset (TO_VALUE) or V' - (V_th - V_reset) (SUBTRACT)
 * </pre>
 *
 * The work is split into loops over plain arrays that C2 compiles to SIMD code by itself (no
 * branches, one array per port and slot): currents and V together (one loop for the common one- and
 * two-port models, a loop per port then one for V otherwise), then a scan for threshold crossings.
 * Refractory neurons are few, so they are integrated like the others and put back afterwards from a
 * short list ({@link RefractoryList}). Measured on CUBA (N = 4000): 4-5x faster than one branchy
 * loop per neuron, and as fast as hand-written Vector API code on JDK 17 without its incubator
 * module or its very slow warm-up.
 */
public final class LifStep {
    private LifStep() {
    }

    /**
     * Adds each port's arrivals into its current, decays the currents, clears the arrivals, and
     * integrates V of every neuron, refractory or not (those are put back later).
     *
     * @param arrivals arrivals[p] = this step's ring-buffer slot of port p
     * @param ext      external drive per neuron, already multiplied by the current gain, or null
     * @param drive    scratch for the ports' summed drive (used with three ports or more)
     */
    public static void integrate(int lo, int hi, StepConstants c, float[] v, float[][] current, float[][] arrivals,
            float[] ext, float[] drive) {
        if (c.ports == 1) {
            onePort(lo, hi, c, v, current[0], arrivals[0], ext);
        } else if (c.ports == 2) {
            twoPorts(lo, hi, c, v, current[0], arrivals[0], current[1], arrivals[1], ext);
        } else {
            currents(lo, hi, c, current, arrivals, ext, drive);
            membrane(lo, hi, c, v, drive);
        }
    }

    private static void onePort(int lo, int hi, StepConstants c, float[] v, float[] cur, float[] in, float[] ext) {
        float beta = c.beta;
        float rest = c.restDrive;
        float alpha = c.alpha[0];
        float psc = c.psc[0];
        if (ext == null) {
            for (int i = lo; i < hi; i++) {
                float x = cur[i] + in[i];
                in[i] = 0f;
                v[i] = (beta * v[i] + rest) + psc * x;
                cur[i] = alpha * x;
            }
        } else {
            for (int i = lo; i < hi; i++) {
                float x = cur[i] + in[i];
                in[i] = 0f;
                v[i] = (beta * v[i] + rest) + (ext[i] + psc * x);
                cur[i] = alpha * x;
            }
        }
    }

    private static void twoPorts(int lo, int hi, StepConstants c, float[] v, float[] cur0, float[] in0, float[] cur1,
            float[] in1, float[] ext) {
        float beta = c.beta;
        float rest = c.restDrive;
        float alpha0 = c.alpha[0];
        float psc0 = c.psc[0];
        float alpha1 = c.alpha[1];
        float psc1 = c.psc[1];
        if (ext == null) {
            for (int i = lo; i < hi; i++) {
                float x0 = cur0[i] + in0[i];
                float x1 = cur1[i] + in1[i];
                in0[i] = 0f;
                in1[i] = 0f;
                v[i] = (beta * v[i] + rest) + (psc0 * x0 + psc1 * x1);
                cur0[i] = alpha0 * x0;
                cur1[i] = alpha1 * x1;
            }
        } else {
            for (int i = lo; i < hi; i++) {
                float x0 = cur0[i] + in0[i];
                float x1 = cur1[i] + in1[i];
                in0[i] = 0f;
                in1[i] = 0f;
                v[i] = (beta * v[i] + rest) + ((ext[i] + psc0 * x0) + psc1 * x1);
                cur0[i] = alpha0 * x0;
                cur1[i] = alpha1 * x1;
            }
        }
    }

    /** Any number of ports: drive = (ext +) psc_0 c_0 + psc_1 c_1 + ..., one loop per port. */
    private static void currents(int lo, int hi, StepConstants c, float[][] current, float[][] arrivals, float[] ext,
            float[] drive) {
        for (int p = 0; p < c.ports; p++) {
            float alpha = c.alpha[p];
            float psc = c.psc[p];
            float[] cur = current[p];
            float[] in = arrivals[p];
            if (p > 0) {
                for (int i = lo; i < hi; i++) {
                    float x = cur[i] + in[i];
                    in[i] = 0f;
                    drive[i] = drive[i] + psc * x;
                    cur[i] = alpha * x;
                }
            } else if (ext == null) {
                for (int i = lo; i < hi; i++) {
                    float x = cur[i] + in[i];
                    in[i] = 0f;
                    drive[i] = psc * x;
                    cur[i] = alpha * x;
                }
            } else {
                for (int i = lo; i < hi; i++) {
                    float x = cur[i] + in[i];
                    in[i] = 0f;
                    drive[i] = ext[i] + psc * x;
                    cur[i] = alpha * x;
                }
            }
        }
    }

    private static void membrane(int lo, int hi, StepConstants c, float[] v, float[] drive) {
        float beta = c.beta;
        float rest = c.restDrive;
        for (int i = lo; i < hi; i++) {
            v[i] = (beta * v[i] + rest) + drive[i];
        }
    }

    /**
     * The same step for one neuron i, written per neuron for engines that touch neurons one at a time
     * (bitwise equal to {@link #integrate} + {@link #threshold} + {@link RefractoryList}; tested).
     *
     * @param arrivals this step's ring-buffer slot per port (read and cleared), or null for none
     * @return whether the neuron spiked
     */
    public static boolean advanceOne(int i, StepConstants c, float[] v, float[][] current, float[][] arrivals, float[] ext,
            int[] refractory, float[] heldV) {
        if (integrateOne(i, c, v, current, arrivals, ext, refractory)) {
            fire(i, c, v, refractory, heldV);
            return true;
        }
        return false;
    }

    /**
     * The first half of {@link #advanceOne}: the currents with this step's arrivals, then V unless the
     * neuron is refractory (then its counter counts down). Returns whether V is above threshold (the
     * neuron would spike); the reset is {@link #fire}'s, so that an asynchronous schedule can decide
     * when (and whether) the spike is emitted.
     */
    public static boolean integrateOne(int i, StepConstants c, float[] v, float[][] current, float[][] arrivals, float[] ext,
            int[] refractory) {
        float drive = 0f;
        for (int p = 0; p < c.ports; p++) {
            float x = current[p][i];
            if (arrivals != null) {
                x = x + arrivals[p][i];
                arrivals[p][i] = 0f;
            }
            float term = c.psc[p] * x;
            drive = p > 0 ? drive + term : ext == null ? term : ext[i] + term;
            current[p][i] = c.alpha[p] * x;
        }
        if (refractory[i] > 0) {
            refractory[i]--;
            return false;
        }
        float vNew = (c.beta * v[i] + c.restDrive) + drive;
        v[i] = vNew;
        return vNew > c.vThreshold;
    }

    /**
     * The closed-form counterpart of {@link #integrateOne} over the n >= 1 steps since neuron i's
     * state, with this step's arrivals at the last one: the refractory steps left (at most n) hold V
     * while the currents decay, the free ones follow the solution of the step's recurrence
     * ({@link #freeV}), and the arrivals enter as in a step (V += psc_p a_p, I_p = alpha_p (I_p + a_p)).
     * Equal to n float steps up to rounding (tested); V is rounded once, so the touch at a predicted
     * crossing finds exactly the V that the prediction computed. Returns whether V is above threshold
     * at the last step and the neuron is not refractory there; the reset is {@link #fire}'s.
     *
     * @param arrivals this step's ring-buffer slot per port (read and cleared), or null for none
     */
    public static boolean integrateClosedForm(int i, StepConstants c, float[] v, float[][] current, float[][] arrivals,
            float[] ext, int[] refractory, float[] heldV, long n) {
        int r = refractory[i];
        if (r >= n) { // held all along, the last step included
            for (int p = 0; p < c.ports; p++) {
                double x = c.alphaPow(p, n - 1) * current[p][i];
                if (arrivals != null) {
                    x += arrivals[p][i];
                    arrivals[p][i] = 0f;
                }
                current[p][i] = (float) (c.alpha[p] * x);
            }
            refractory[i] = r - (int) n;
            return false;
        }
        double vn = freeV(i, c, v, current, ext, heldV, r, n);
        long free = n - r;
        for (int p = 0; p < c.ports; p++) {
            // the current just before the last step: decayed over the held and the other free steps
            double x = c.alphaPow(p, free - 1) * (r > 0 ? c.alphaPow(p, r) * current[p][i] : current[p][i]);
            if (arrivals != null) {
                float a = arrivals[p][i];
                arrivals[p][i] = 0f;
                vn += c.psc[p] * a;
                x += a;
            }
            current[p][i] = (float) (c.alpha[p] * x);
        }
        refractory[i] = 0;
        float vNew = (float) vn;
        v[i] = vNew;
        return vNew > c.vThreshold;
    }

    /**
     * Neuron i's V after n steps without arrivals from its state, its refractory count r &lt; n (held
     * for r steps, then free for m = n - r), in double: with I_p the currents at the end of the hold
     * (alpha_p^r I_p) and V its held V, V(m) = beta^m V + (rest + ext) sum_{j&lt;m} beta^j
     * + sum_p psc_p I_p (beta^m - alpha_p^m) / (beta - alpha_p) (m beta^(m-1) when equal). The one
     * formula that the closed-form touch and the search for a crossing both evaluate.
     */
    public static double freeV(int i, StepConstants c, float[] v, float[][] current, float[] ext, float[] heldV, int r,
            long n) {
        long m = n - r;
        double drive = ext == null ? c.restDrive : (double) c.restDrive + ext[i];
        double vn = c.betaPow(m) * (r > 0 ? heldV[i] : v[i]) + drive * c.restResponse(m);
        for (int p = 0; p < c.ports; p++) {
            double x = r > 0 ? c.alphaPow(p, r) * current[p][i] : current[p][i];
            vn += c.psc[p] * x * c.pscResponse(p, m);
        }
        return vn;
    }

    /** The spike of neuron i: reset, and hold for the refractory period. */
    public static void fire(int i, StepConstants c, float[] v, int[] refractory, float[] heldV) {
        float after = afterSpike(c, v[i]);
        v[i] = after;
        if (c.refractorySteps > 0) {
            refractory[i] = c.refractorySteps;
            heldV[i] = after;
        }
    }

    /**
     * Finds the neurons above threshold that are not refractory, resets them, and appends their
     * indices (ascending) to {@code spikes}; returns the new count.
     */
    public static int threshold(int lo, int hi, StepConstants c, float[] v, int[] refractory, int[] spikes, int count) {
        float th = c.vThreshold;
        for (int i = lo; i < hi; i++) {
            if (v[i] > th && refractory[i] == 0) {
                v[i] = afterSpike(c, v[i]);
                spikes[count++] = i;
            }
        }
        return count;
    }

    /** V just after a spike from V = u: V_reset (TO_VALUE) or u - (V_th - V_reset) (SUBTRACT). */
    public static float afterSpike(StepConstants c, float u) {
        return c.subtractReset ? u - c.resetStep : c.vReset;
    }

    /**
     * The reset for a fractional spike s in [0, 1] (a trainer's smooth spike, for gradient checks):
     * u - (V_th - V_reset) s, or u (1 - s) + V_reset s; s = 1 is {@link #afterSpike}'s reset in real
     * arithmetic.
     */
    public static float afterSmoothSpike(StepConstants c, float u, float s) {
        return c.subtractReset ? u - c.resetStep * s : u * (1f - s) + c.vReset * s;
    }

    /**
     * The step of {@link #integrate} for neurons [0, n) of a one-port population with no refractory
     * period, recording for a backward pass: per neuron c_0 = I + arrivals (into {@code x[xBase + j]}),
     * V = (beta V + rest) + (bias + psc c_0) (or + psc c_0 without bias), I = alpha c_0; the arrivals
     * are read, not cleared. The trainers' forward step: the same float operations as the engines'.
     *
     * @param bias per-neuron drive in volts per step (the engines' external drive), or null
     */
    public static void integrateRecording(int n, StepConstants c, float[] v, float[] current, float[] arrivals,
            float[] bias, float[] x, int xBase) {
        float beta = c.beta;
        float rest = c.restDrive;
        float alpha = c.alpha[0];
        float psc = c.psc[0];
        if (bias == null) {
            for (int j = 0; j < n; j++) {
                float xj = current[j] + arrivals[j];
                v[j] = (beta * v[j] + rest) + psc * xj;
                current[j] = alpha * xj;
                x[xBase + j] = xj;
            }
        } else {
            for (int j = 0; j < n; j++) {
                float xj = current[j] + arrivals[j];
                v[j] = (beta * v[j] + rest) + (bias[j] + psc * xj);
                current[j] = alpha * xj;
                x[xBase + j] = xj;
            }
        }
    }

    /**
     * A zero-delay arrival of weight w in port p at neuron i whose step is already integrated: the
     * current takes alpha_p w (what the arrival leaves after this step's decay) and V takes psc_p w at
     * once, unless {@code currentOnly} (the neuron has fired or is held this step). An asynchronous
     * schedule delivers every zero-delay spike this way.
     */
    public static void arrive(StepConstants c, int p, float w, float[] v, float[] current, int i, boolean currentOnly) {
        current[i] += c.alpha[p] * w;
        if (!currentOnly) {
            v[i] += c.psc[p] * w;
        }
    }

    /**
     * {@link #arrive} for one spike over a dense weight row into every neuron [0, n) of a one-port
     * population ({@code w[row + j]} to neuron j), V included for all (a caller puts fired neurons' V
     * back), in one loop the compiler vectorizes; a delta port's current is left alone (it stays 0).
     * Returns the largest {@code V_j + gate_j} after the arrival ({@code gate_j} = -infinity masks j).
     */
    public static float arriveRow(StepConstants c, float[] w, int row, int n, float[] v, float[] current,
            float[] gate) {
        float alpha = c.alpha[0];
        float psc = c.psc[0];
        float top = Float.NEGATIVE_INFINITY;
        if (alpha != 0f) {
            for (int j = 0; j < n; j++) {
                float wj = w[row + j];
                current[j] += alpha * wj;
                float vj = v[j] + psc * wj;
                v[j] = vj;
                top = Math.max(top, vj + gate[j]);
            }
        } else {
            for (int j = 0; j < n; j++) {
                float vj = v[j] + psc * w[row + j];
                v[j] = vj;
                top = Math.max(top, vj + gate[j]);
            }
        }
        return top;
    }
}
