package org.snn4j.hardware;

/**
 * Xylo's integrate-and-fire neuron in integers, bit-exact to SynSense's XyloSim
 * ({@code xylosim} v1, {@code XyloIAFNeuron.cpp}, the simulator Rockpool's {@code XyloSim} runs):
 * int16 state, a bit-shift decay {@code x -= decay(x, dash)} with {@code decay(x, dash) = x >> dash}
 * (arithmetic shift) or, where that is 0, {@code sign(x)} (so small values still move by 1 toward 0),
 * synaptic input added with int16 saturation, then
 *
 * <pre>
 *   isyn = isyn - decay(isyn, dash_syn)       (after this step's input was added to isyn)
 *   vmem = vmem - decay(vmem, dash_mem)
 *   vmem = sat16(vmem + isyn)
 *   while vmem &gt;= v_th and spikes &lt; max: spikes++, vmem -= v_th
 * </pre>
 *
 * with up to 31 spikes a step for hidden neurons and 1 for readouts. {@code dash = round(log2(tau /
 * dt))}, at least 0 (Rockpool's {@code calc_bitshift_decay}).
 */
public final class XyloLif {
    public static final int MAX_SPIKES_HIDDEN = 31;
    public static final int MAX_SPIKES_READOUT = 1;

    private XyloLif() {
    }

    /** The change of x in one step of bit-shift decay. */
    public static int decay(int x, int dash) {
        int d = (short) x >> dash;
        return d == 0 ? Integer.signum(x) : d;
    }

    /** a + b saturated to int16, as XyloSim's safe_add. */
    public static int add16(long a, long b) {
        long s = a + b;
        return (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, s));
    }

    /** dash = round(log2(tau / dt)), at least 0 (the shift that gives the nearest decay 1 - 2^-dash). */
    public static int dash(double tauSeconds, double dtSeconds) {
        long d = Math.round(Math.log(tauSeconds / dtSeconds) / Math.log(2));
        return (int) Math.max(0, d);
    }

    /**
     * One step of n neurons with one synapse each: the input already added to isyn, decays, integration
     * and multi-spike reset; each neuron's spike count goes into {@code counts}, the spiking neurons
     * into {@code spikes} (ascending), their number is returned.
     */
    public static int step(int[] isyn, int[] vmem, int dashSyn, int dashMem, int vth, int maxSpikes, int n,
            int[] counts, int[] spikes) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            counts[i] = stepOne(i, isyn, vmem, dashSyn, dashMem, vth, maxSpikes);
            if (counts[i] > 0) {
                spikes[count++] = i;
            }
        }
        return count;
    }

    /** One step of neuron i; its number of spikes. */
    public static int stepOne(int i, int[] isyn, int[] vmem, int dashSyn, int dashMem, int vth, int maxSpikes) {
        int s = isyn[i] - decay(isyn[i], dashSyn);
        isyn[i] = s;
        int v = add16(vmem[i] - decay(vmem[i], dashMem), s);
        int k = 0;
        while (v >= vth && k < maxSpikes) {
            k++;
            v -= vth;
        }
        vmem[i] = v;
        return k;
    }
}
