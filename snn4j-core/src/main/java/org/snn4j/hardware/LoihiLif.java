package org.snn4j.hardware;

/**
 * Loihi's current-based LIF step in integers, bit-exact to Lava's bit-accurate model
 * ({@code lava/proc/lif/models.py}, {@code PyLifModelBitAcc} over {@code AbstractPyLifModelFixed}):
 *
 * <pre>
 *   u' = wrap24( decay(u, du + 1) + (a_in &lt;&lt; 6) )
 *   v' = clip( decay(v, dv) + u' + bias, -(2^23 - 1), 2^23 - 1 )
 *   spike when v' &gt; vth &lt;&lt; 6, then v' = 0
 * </pre>
 *
 * with {@code decay(x, d) = sign(x) * ((|x| * (4096 - d)) >> 12)} in 64 bits (rounding toward zero),
 * {@code du}, {@code dv} 12-bit (0..4095; the +1 on du is Loihi 1's ds_offset, which lets the current
 * decay fully), {@code bias = mant << exp} (or {@code >> -exp}), and wrap24 Lava's: a value above 2^23
 * loses 2^24, one at or below -2^23 gains 2^24 (so 2^23 itself stays, as in Lava). The test vectors of
 * Lava's own tests ({@code tests/lava/proc/lif/test_models.py}) are reproduced in {@code LoihiLifTest}.
 */
public final class LoihiLif {
    /** Lava's 24-bit state bound, 2^23. */
    public static final int MAX_UV = 1 << 23;
    /** du and dv are 12-bit: decays are fractions of 4096. */
    public static final int DECAY_UNITY = 4096;
    /** Synaptic input and threshold are MSB-aligned by 6 bits. */
    public static final int ACT_SHIFT = 6;
    public static final int VTH_SHIFT = 6;

    private LoihiLif() {
    }

    /** x decayed by d/4096 of itself, rounded toward zero. */
    public static long decay(long x, int d) {
        long p = x * (DECAY_UNITY - d);
        return p < 0 ? -((-p) >> 12) : p >> 12;
    }

    /** The current after its decay and this step's input a_in (the dense layers' sum), wrapped as Lava wraps it. */
    public static int current(int u, int du, int aIn) {
        long c = (int) decay(u, du + 1) + ((long) aIn << ACT_SHIFT);
        c = (int) c; // Lava: np.int32 of the decayed current, then the shifted input added in int32
        if (c > MAX_UV) {
            return (int) (c - 2L * MAX_UV);
        }
        if (c <= -MAX_UV) {
            return (int) (c + 2L * MAX_UV);
        }
        return (int) c;
    }

    /** The voltage after its decay, the new current and the bias, saturated to +-(2^23 - 1). */
    public static int voltage(int v, int dv, int u, int bias) {
        long x = (int) decay(v, dv) + (long) u + bias;
        return (int) Math.max(-(MAX_UV - 1), Math.min(MAX_UV - 1, x));
    }

    /** The bias mant << exp (a negative exp shifts right, rounding toward -infinity as numpy's shift does). */
    public static int bias(int mant, int exp) {
        return exp >= 0 ? mant << exp : mant >> -exp;
    }

    /**
     * One step of n neurons: u and v updated in place from the input aIn; the spiking neurons are put
     * in {@code spikes} (ascending) and their count returned, their v set to 0.
     */
    public static int step(int[] u, int[] v, int[] aIn, int[] bias, int du, int dv, int vth, int n, int[] spikes) {
        return step(u, v, aIn, bias, du, dv, vth, n, spikes, null, 0);
    }

    /**
     * The same with Loihi's refractory delay (its compartments' {@code refractDelay}, which Lava's
     * bit-accurate model leaves out): after a spike v stays 0 for {@code refractorySteps} steps while u
     * goes on integrating; {@code refractory} counts them down per neuron (null or 0 steps: Lava's model).
     */
    public static int step(int[] u, int[] v, int[] aIn, int[] bias, int du, int dv, int vth, int n, int[] spikes,
            int[] refractory, int refractorySteps) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (stepOne(i, u, v, aIn[i], bias[i], du, dv, vth << VTH_SHIFT, refractory, refractorySteps)) {
                spikes[count++] = i;
            }
        }
        return count;
    }

    /** One step of neuron i ({@code threshold} already shifted); whether it spiked. */
    public static boolean stepOne(int i, int[] u, int[] v, int aIn, int bias, int du, int dv, int threshold,
            int[] refractory, int refractorySteps) {
        u[i] = current(u[i], du, aIn);
        if (refractory != null && refractory[i] > 0) {
            refractory[i]--;
            return false;
        }
        int vi = voltage(v[i], dv, u[i], bias);
        boolean spike = vi > threshold;
        if (spike) {
            vi = 0;
            if (refractory != null) {
                refractory[i] = refractorySteps;
            }
        }
        v[i] = vi;
        return spike;
    }
}
