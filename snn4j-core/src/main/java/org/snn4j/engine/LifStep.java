package org.snn4j.engine;

/**
 * One step of the float32 LIF update for a slice [lo, hi) of a population: the only place where
 * the engine applies the math of {@link org.snn4j.model.LifPropagators}. Per neuron, in this order
 * (the order fixes the rounding that every engine and the trainer must reproduce):
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
final class LifStep {
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
    static void integrate(int lo, int hi, StepConstants c, float[] v, float[][] current, float[][] arrivals,
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
    static boolean advanceOne(int i, StepConstants c, float[] v, float[][] current, float[][] arrivals, float[] ext,
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
    static boolean integrateOne(int i, StepConstants c, float[] v, float[][] current, float[][] arrivals, float[] ext,
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
    static boolean integrateClosedForm(int i, StepConstants c, float[] v, float[][] current, float[][] arrivals,
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
     * Neuron i's V after n steps without arrivals from its state, its refractory count r < n (held
     * for r steps, then free for m = n - r), in double: with I_p the currents at the end of the hold
     * (alpha_p^r I_p) and V its held V, V(m) = beta^m V + (rest + ext) sum_{j<m} beta^j
     * + sum_p psc_p I_p (beta^m - alpha_p^m) / (beta - alpha_p) (m beta^(m-1) when equal). The one
     * formula that the closed-form touch and the search for a crossing both evaluate.
     */
    static double freeV(int i, StepConstants c, float[] v, float[][] current, float[] ext, float[] heldV, int r,
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
    static void fire(int i, StepConstants c, float[] v, int[] refractory, float[] heldV) {
        float after = c.subtractReset ? v[i] - c.resetStep : c.vReset;
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
    static int threshold(int lo, int hi, StepConstants c, float[] v, int[] refractory, int[] spikes, int count) {
        float th = c.vThreshold;
        for (int i = lo; i < hi; i++) {
            if (v[i] > th && refractory[i] == 0) {
                v[i] = c.subtractReset ? v[i] - c.resetStep : c.vReset;
                spikes[count++] = i;
            }
        }
        return count;
    }
}
