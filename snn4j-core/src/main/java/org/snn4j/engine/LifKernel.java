package org.snn4j.engine;

/**
 * One step of a population's neurons [lo, hi): the float32 form of the exact LIF update, written
 * once. For each neuron, in this order (the order fixes the float rounding that every engine must
 * reproduce):
 *
 * <pre>
 *   c_p   = I_p + arrivals_p            (this step's arrivals enter the current first)
 *   drive = psc_0 c_0 + psc_1 c_1 + ...   (ext + psc_0 c_0 + ... with an external drive)
 *   I_p   = alpha_p c_p
 *   if refractory: count down, V unchanged
 *   else: V' = (beta V + restDrive) + drive; V' > V_th -> spike, reset, refractory
 * </pre>
 *
 * The arrivals are read from, and cleared in, the ring-buffer slot of this step.
 */
interface LifKernel {
    /**
     * @param refractory remaining refractory steps per neuron, held as float so that it shares SIMD lanes with V
     * @param ring       the population's ring buffer; port p of this step's slot starts at slotOffset + p n
     * @param ext        external drive per neuron, already multiplied by the current gain, or null
     * @param drive      scratch of at least hi floats (the SIMD kernel accumulates the ports' drive there)
     * @param spikes     receives the indices of neurons that spiked, ascending, from spikeCount on
     * @return the new spike count
     */
    int step(int lo, int hi, int n, StepConstants c, float[] v, float[][] current, float[] refractory, float[] ring,
            int slotOffset, float[] ext, float[] drive, int[] spikes, int spikeCount);

    /** The fastest kernel this JVM can run: SIMD when the Vector API module is present, else scalar. */
    static LifKernel best() {
        return VectorSupport.AVAILABLE ? VectorSupport.kernel() : ScalarLifKernel.INSTANCE;
    }
}
