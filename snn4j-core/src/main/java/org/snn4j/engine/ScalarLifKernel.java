package org.snn4j.engine;

/** The reference implementation of {@link LifKernel}: plain scalar Java, one neuron at a time. */
final class ScalarLifKernel implements LifKernel {
    static final ScalarLifKernel INSTANCE = new ScalarLifKernel();

    private ScalarLifKernel() {
    }

    @Override
    public int step(int lo, int hi, int n, StepConstants c, float[] v, float[][] current, float[] refractory,
            float[] ring, int slotOffset, float[] ext, float[] drive, int[] spikes, int spikeCount) {
        int count = spikeCount;
        int ports = c.ports;
        for (int i = lo; i < hi; i++) {
            float d = 0f;
            for (int p = 0; p < ports; p++) {
                int at = slotOffset + p * n + i;
                float cur = current[p][i] + ring[at];
                ring[at] = 0f;
                float term = c.psc[p] * cur;
                d = p > 0 ? d + term : ext == null ? term : ext[i] + term;
                current[p][i] = c.alpha[p] * cur;
            }
            float r = refractory[i];
            if (r > 0) {
                refractory[i] = r - 1;
                continue;
            }
            float vNew = (c.beta * v[i] + c.restDrive) + d;
            if (vNew > c.vThreshold) {
                v[i] = c.subtractReset ? vNew - c.resetStep : c.vReset;
                refractory[i] = c.refractoryCount;
                spikes[count++] = i;
            } else {
                v[i] = vNew;
            }
        }
        return count;
    }
}
