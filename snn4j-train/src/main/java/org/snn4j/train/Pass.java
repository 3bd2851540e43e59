package org.snn4j.train;

import org.snn4j.data.SpikeRaster;

/**
 * What the forward and backward passes of one sample share, whatever order they run a step in
 * ({@link Bptt}: layer by layer, as the clock engine; {@link CycleBptt}: processing cycle by cycle,
 * as the asynchronous engine): the recorded states, the spikes, the loss and its gradient on the
 * output layer, and the counts. Owned by one worker thread; every buffer is allocated once.
 */
abstract class Pass {
    final Model model;
    final int steps;
    final boolean smooth;
    /** Per layer, per step t and neuron j at t * n + j: V before reset, V after reset, current after arrivals. */
    final float[][] pre;
    final float[][] post;
    final float[][] cur;
    /** Per layer: spiking neurons per step (CSR), and in smooth mode the spike value of every neuron. */
    final int[][] spikeIdx;
    final int[][] spikeStart;
    final float[][] spikeVal;
    /** Per layer: dL/d(spike) (dL/dV for a readout) per step and neuron. */
    final float[][] gOut;
    private final double[] logits;
    private final double[] dLogit;
    SpikeRaster input;
    private int predicted;
    /** One weight or gradient row, copied out so that the row loops vectorize (see {@link #addRows}). */
    final float[] row;

    Pass(Model model, int steps) {
        this.model = model;
        this.steps = steps;
        this.smooth = model.spec.surrogate().isSmooth();
        int layers = model.layers.length;
        pre = new float[layers][];
        post = new float[layers][];
        cur = new float[layers][];
        spikeIdx = new int[layers][];
        spikeStart = new int[layers][steps + 1];
        spikeVal = new float[layers][];
        gOut = new float[layers][];
        for (int l = 0; l < layers; l++) {
            int n = model.layers[l].n;
            pre[l] = new float[steps * n];
            post[l] = new float[steps * n];
            cur[l] = new float[steps * n];
            spikeIdx[l] = new int[steps * n];
            spikeVal[l] = smooth ? new float[steps * n] : null;
            gOut[l] = new float[steps * n];
        }
        logits = new double[model.spec.classes()];
        dLogit = new double[model.spec.classes()];
        row = new float[widest(model)];
    }

    /** The widest layer or layer input (for scratch vectors). */
    static int widest(Model model) {
        int widest = 1;
        for (Model.Layer layer : model.layers) {
            widest = Math.max(widest, Math.max(layer.n, layer.m));
        }
        return widest;
    }

    int steps() {
        return steps;
    }

    /** Runs the sample through the model. */
    final void forward(SpikeRaster in) {
        if (in.neurons() != model.spec.inputs() || in.steps() != steps) {
            throw new IllegalArgumentException("input raster " + in.neurons() + " neurons x " + in.steps()
                    + " steps: the model expects " + model.spec.inputs() + " x " + steps);
        }
        this.input = in;
        run();
        computeLogits();
    }

    /** The forward pass proper, filling the recorded states and spikes. */
    abstract void run();

    /** Backpropagates the output gradient through time and the layers (top down), adding into {@code grads}. */
    final void backward(Grads grads) {
        for (int l = model.layers.length - 1; l >= 0; l--) {
            if (l > 0) {
                java.util.Arrays.fill(gOut[l - 1], 0, steps * model.layers[l - 1].n, 0f);
            }
            backwardLayer(l, grads);
        }
    }

    /**
     * Layer l's part of the backward pass: from dL/d(spikes) of the layer (complete: the layers above
     * are done) to its parameters' gradients and dL/d(spikes) of the layer below.
     */
    abstract void backwardLayer(int l, Grads grads);

    /** a += val_i w[i, :] over the spikes idx[from..to) (val = null for binary spikes). */
    static void addRows(float[] a, float[] w, int n, int[] idx, int from, int to, float[] val, int valBase,
            float[] row) {
        // the row is copied to offset 0 first: HotSpot's C2 (17 to 25) does not vectorize a loop that reads
        // w[row + j] while it writes a[j] of a possibly aliased array, but it does a[j] += row[j] (3x here)
        for (int k = from; k < to; k++) {
            int i = idx[k];
            System.arraycopy(w, i * n, row, 0, n);
            if (val == null) {
                for (int j = 0; j < n; j++) {
                    a[j] += row[j];
                }
            } else {
                float s = val[valBase + i];
                for (int j = 0; j < n; j++) {
                    a[j] += s * row[j];
                }
            }
        }
    }

    /** g[i, :] += val_i ga over the spikes idx[from..to) (the row copied out and back, as in {@link #addRows}). */
    static void addGradRows(float[] g, float[] ga, int n, int[] idx, int from, int to, float[] val, int valBase,
            float[] row) {
        for (int k = from; k < to; k++) {
            int i = idx[k];
            int at = i * n;
            System.arraycopy(g, at, row, 0, n);
            if (val == null) {
                for (int j = 0; j < n; j++) {
                    row[j] += ga[j];
                }
            } else {
                float s = val[valBase + i];
                for (int j = 0; j < n; j++) {
                    row[j] += s * ga[j];
                }
            }
            System.arraycopy(row, 0, g, at, n);
        }
    }

    /** g[base + i] += w[i, :] . ga for every input i (the gradient into the previous layer's spikes). */
    static void dotRows(float[] g, int base, float[] w, int n, int m, float[] ga) {
        for (int i = 0; i < m; i++) {
            int row = i * n;
            float s = 0f;
            for (int j = 0; j < n; j++) {
                s += w[row + j] * ga[j];
            }
            g[base + i] += s;
        }
    }

    private void computeLogits() {
        int out = model.layers.length - 1;
        Model.Layer L = model.layers[out];
        int n = L.n;
        java.util.Arrays.fill(logits, 0);
        Loss loss = model.spec.loss();
        if (!loss.onMembrane()) {
            if (smooth) {
                for (int t = 0; t < steps; t++) {
                    for (int j = 0; j < n; j++) {
                        logits[j] += spikeVal[out][t * n + j];
                    }
                }
            } else {
                int[] idx = spikeIdx[out];
                for (int k = 0; k < spikeStart[out][steps]; k++) {
                    logits[idx[k]] += 1;
                }
            }
        } else if (loss == Loss.CE_MAX_MEMBRANE) {
            for (int j = 0; j < n; j++) {
                double mx = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < steps; t++) {
                    mx = Math.max(mx, pre[out][t * n + j]);
                }
                logits[j] = mx;
            }
        } else {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int t = 0; t < steps; t++) {
                    s += pre[out][t * n + j];
                }
                logits[j] = s / steps;
            }
        }
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (logits[j] > logits[best]) {
                best = j;
            }
        }
        predicted = best;
    }

    /** The predicted class: the largest logit, the first among equals. */
    int predicted() {
        return predicted;
    }

    double logit(int j) {
        return logits[j];
    }

    /** Spikes of layer l in this sample. */
    int spikeCount(int l) {
        return smooth ? 0 : spikeStart[l][steps];
    }

    /** Synaptic events of this sample: each spike times the kept synapses out of its neuron. */
    long synOps(int[][] fanOut) {
        long ops = 0;
        for (int l = 0; l < model.layers.length; l++) {
            int[] idx = l == 0 ? input.indexArray() : spikeIdx[l - 1];
            int count = l == 0 ? input.spikeCount() : spikeStart[l - 1][steps];
            int[] fo = fanOut[l];
            for (int k = 0; k < count; k++) {
                ops += fo[idx[k]];
            }
            if (model.layers[l].wRec != null) {
                ops += (long) spikeStart[l][steps] * model.layers[l].n;
            }
        }
        return ops;
    }

    /** Layer l's spike steps per neuron (1-based, as the engines number steps); binary spikes only. */
    int[][] spikeSteps(int l) {
        int n = model.layers[l].n;
        org.snn4j.arrays.IntList[] per = new org.snn4j.arrays.IntList[n];
        for (int j = 0; j < n; j++) {
            per[j] = new org.snn4j.arrays.IntList(4);
        }
        for (int t = 0; t < steps; t++) {
            for (int k = spikeStart[l][t]; k < spikeStart[l][t + 1]; k++) {
                per[spikeIdx[l][k]].add(t + 1);
            }
        }
        int[][] out = new int[n][];
        for (int j = 0; j < n; j++) {
            out[j] = per[j].toArray();
        }
        return out;
    }

    /** V of layer l's neuron j after step t (0-based), after the reset. */
    float potential(int l, int t, int j) {
        return post[l][t * model.layers[l].n + j];
    }

    /** Input spikes of this sample. */
    int inputSpikeCount() {
        return input.spikeCount();
    }

    /**
     * The loss of this sample and, into the output layer's gradient buffer, its derivative times
     * {@code scale} (1 / batch size for a batch mean).
     */
    double lossAndOutputGradient(int label, double scale) {
        int out = model.layers.length - 1;
        int n = model.layers[out].n;
        if (label < 0 || label >= n) {
            throw new IllegalArgumentException("label " + label + ": out of range, expected 0.." + (n - 1));
        }
        float[] g = gOut[out];
        java.util.Arrays.fill(g, 0, steps * n, 0f);
        Loss loss = model.spec.loss();
        double value;
        if (loss == Loss.MSE_COUNT) {
            value = 0;
            for (int j = 0; j < n; j++) {
                double target = (j == label ? Loss.MSE_CORRECT_RATE : Loss.MSE_INCORRECT_RATE) * steps;
                double diff = logits[j] - target;
                value += diff * diff / n;
                dLogit[j] = 2 * diff / n;
            }
        } else {
            double mx = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                mx = Math.max(mx, logits[j]);
            }
            double z = 0;
            for (int j = 0; j < n; j++) {
                z += Math.exp(logits[j] - mx);
            }
            value = Math.log(z) + mx - logits[label];
            for (int j = 0; j < n; j++) {
                dLogit[j] = Math.exp(logits[j] - mx) / z - (j == label ? 1 : 0);
            }
        }
        if (loss == Loss.CE_MAX_MEMBRANE) {
            for (int j = 0; j < n; j++) {
                int at = 0;
                for (int t = 1; t < steps; t++) {
                    if (pre[out][t * n + j] > pre[out][at * n + j]) {
                        at = t;
                    }
                }
                g[at * n + j] = (float) (scale * dLogit[j]);
            }
        } else {
            double perStep = loss == Loss.CE_MEAN_MEMBRANE ? 1.0 / steps : 1.0;
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j < n; j++) {
                    g[t * n + j] = (float) (scale * dLogit[j] * perStep);
                }
            }
        }
        return value;
    }

    /**
     * The adjoint of a step's threshold and reset, per neuron: dL/dV before the reset (V = u) from
     * dL/dV after it ({@code gAfter}, what the next step's V sends back) and from the gradient of the
     * spike itself ({@code gSpike}, through the surrogate), for spike value s. A non-spiking readout
     * has no threshold: the two add. The one backward rule of both trainers.
     */
    static float preResetGrad(Model.Layer L, Surrogate sg, boolean detach, float u, float s, float gAfter,
            float gSpike) {
        if (!L.spec.spiking()) {
            return gAfter + gSpike;
        }
        float d = sg.grad(u - L.c.vThreshold);
        return gAfter * resetGrad(L, detach, s, d, u) + gSpike * d;
    }

    /**
     * dL/dV for the reset of a spiking neuron: d(V after reset)/d(V before), with spike value s and
     * surrogate derivative d at V before = u.
     */
    static float resetGrad(Model.Layer L, boolean detach, float s, float d, float u) {
        if (L.c.subtractReset) {
            return detach ? 1f : 1f - L.c.resetStep * d;
        }
        return detach ? 1f - s : (1f - s) + (L.c.vReset - u) * d;
    }

    /** The tau gradients of a layer from its accumulated partial sums (the closed-form derivatives). */
    static void addTauGrads(Model.Layer L, Grads grads, int l, double gBeta, double gRest, double gPsc, double gAlpha) {
        // rest = (1 - beta) V_inf, so its tau dependence is through beta (dRestDtm from the closed form)
        grads.tau[l][0] += gBeta * L.dBetaDtm + gRest * L.dRestDtm + gPsc * L.dPscDtm;
        if (L.spec.filtered()) {
            grads.tau[l][1] += gPsc * L.dPscDts + gAlpha * L.dAlphaDts;
        }
    }
}
