package org.snn4j.model;

/**
 * Synapses from a population or source onto one port of a population, in compressed sparse rows
 * (CSR) by presynaptic neuron: the synapses of pre j are s in [rowStart[j], rowStart[j+1]), with
 * target[s], weight[s] and delay[s]. Arrays are private; engines copy what they need once.
 */
public final class Projection {
    private final String source;
    private final String target;
    private final int port;
    private final int sourceSize;
    private final int targetSize;
    private final int[] rowStart;
    private final int[] targets;
    private final float[] weights;
    private final short[] delays;
    private final int maxDelaySteps;
    private final int minDelaySteps;

    Projection(String source, String target, int port, int sourceSize, int targetSize, int[] rowStart,
            int[] targets, float[] weights, short[] delays) {
        this.source = source;
        this.target = target;
        this.port = port;
        this.sourceSize = sourceSize;
        this.targetSize = targetSize;
        this.rowStart = rowStart;
        this.targets = targets;
        this.weights = weights;
        this.delays = delays;
        int max = 0;
        int min = delays.length == 0 ? 0 : Integer.MAX_VALUE;
        for (short d : delays) {
            max = Math.max(max, d);
            min = Math.min(min, d);
        }
        this.maxDelaySteps = max;
        this.minDelaySteps = min;
    }

    /** "source -> target:port", the name used in messages. */
    public String label() {
        return "'" + source + "' -> '" + target + "' port " + port;
    }

    public String source() {
        return source;
    }

    public String target() {
        return target;
    }

    public int port() {
        return port;
    }

    public int sourceSize() {
        return sourceSize;
    }

    public int targetSize() {
        return targetSize;
    }

    public int synapseCount() {
        return targets.length;
    }

    public int maxDelaySteps() {
        return maxDelaySteps;
    }

    public int minDelaySteps() {
        return minDelaySteps;
    }

    /** Number of synapses leaving source neuron {@code pre}. */
    public int fanOut(int pre) {
        return rowStart[pre + 1] - rowStart[pre];
    }

    /** First synapse index of source neuron {@code pre}; its synapses are rowStart(pre) .. rowStart(pre+1)-1. */
    public int rowStart(int pre) {
        return rowStart[pre];
    }

    public int targetOf(int synapse) {
        return targets[synapse];
    }

    public float weightOf(int synapse) {
        return weights[synapse];
    }

    public int delayOf(int synapse) {
        return delays[synapse];
    }

    /** Copies of the CSR arrays, for engines that lay them out for their own loops. */
    public int[] rowStartArray() {
        return rowStart.clone();
    }

    public int[] targetArray() {
        return targets.clone();
    }

    public float[] weightArray() {
        return weights.clone();
    }

    public short[] delayArray() {
        return delays.clone();
    }

    @Override
    public String toString() {
        return "Projection[" + label() + ", " + synapseCount() + " synapses, delays " + minDelaySteps + ".."
                + maxDelaySteps + " steps]";
    }

    /**
     * Sorts generation-ordered synapses into CSR by pre (stable: within a row they keep generation
     * order) and validates every weight and delay, naming the synapse in generation order.
     */
    static Projection fromPairs(String source, String target, int port, int nPre, int nPost, int[] pre,
            int[] post, double[] weight, int[] delay, String label) {
        int n = pre.length;
        for (int s = 0; s < n; s++) {
            if (!Double.isFinite(weight[s]) || !Float.isFinite((float) weight[s])) {
                throw new IllegalArgumentException("weight " + weight[s] + " at synapse " + s + " (pre " + pre[s]
                        + " -> post " + post[s] + ") of projection " + label + ": weights must be finite");
            }
            if (delay[s] < 0) {
                throw new IllegalArgumentException("delay " + delay[s] + " at synapse " + s + " (pre " + pre[s]
                        + " -> post " + post[s] + ") of projection " + label + ": delays must be >= 0 steps");
            }
            if (delay[s] > Delays.MAX_STEPS) {
                throw new IllegalArgumentException("delay " + delay[s] + " at synapse " + s + " (pre " + pre[s]
                        + " -> post " + post[s] + ") of projection " + label + ": delays must be <= "
                        + Delays.MAX_STEPS + " steps");
            }
        }
        int[] rowStart = new int[nPre + 1];
        for (int s = 0; s < n; s++) {
            rowStart[pre[s] + 1]++;
        }
        for (int j = 0; j < nPre; j++) {
            rowStart[j + 1] += rowStart[j];
        }
        int[] next = java.util.Arrays.copyOf(rowStart, nPre);
        int[] targets = new int[n];
        float[] weights = new float[n];
        short[] delays = new short[n];
        for (int s = 0; s < n; s++) {
            int at = next[pre[s]]++;
            targets[at] = post[s];
            weights[at] = (float) weight[s];
            delays[at] = (short) delay[s];
        }
        return new Projection(source, target, port, nPre, nPost, rowStart, targets, weights, delays);
    }
}
