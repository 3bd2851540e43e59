package org.snn4j.train;

import org.snn4j.data.SpikeRaster;

/**
 * Forward pass and backpropagation through time of one sample, owned by one worker thread: every
 * buffer is allocated once, for the model and the number of steps.
 *
 * <p>The forward pass is the clock engine's step ({@code LifStep}) in the same float operation order,
 * for a network exported by {@link Export}: arrivals of step t are summed in the order the engine
 * adds them to its ring buffer (by emission step, the input before the layer's own recurrent
 * spikes, neurons ascending), then {@code x = I + a; V = (beta V + rest) (+ (bias + psc x) | + psc x);
 * I = alpha x}, spike if V > V_th, reset. So a trained model and the engines give the same spikes.
 * Spikes are binary and sparse: a projection adds the weight rows of the inputs that spiked, and the
 * weight gradient only touches those rows.
 */
final class Bptt {
    private final Model model;
    private final int steps;
    private final boolean smooth;
    /** Per layer, per step t and neuron j at t * n + j: V before reset, V after reset, current after arrivals. */
    private final float[][] pre;
    private final float[][] post;
    private final float[][] cur;
    /** Per layer: spiking neurons per step (CSR), and in smooth mode the spike value of every neuron. */
    private final int[][] spikeIdx;
    private final int[][] spikeStart;
    private final float[][] spikeVal;
    /** Per layer: dL/d(spike) (dL/dV for a readout) per step and neuron. */
    private final float[][] gOut;
    private final float[] arrivals;
    private final float[] current;
    private final float[] v;
    private final float[] gV;
    private final float[] gI;
    private final float[] ga;
    private final double[] logits;
    private final double[] dLogit;
    private SpikeRaster input;
    private int predicted;

    Bptt(Model model, int steps) {
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
        int widest = 1;
        for (int l = 0; l < layers; l++) {
            int n = model.layers[l].n;
            widest = Math.max(widest, Math.max(n, model.layers[l].m));
            pre[l] = new float[steps * n];
            post[l] = new float[steps * n];
            cur[l] = new float[steps * n];
            spikeIdx[l] = new int[steps * n];
            spikeVal[l] = smooth ? new float[steps * n] : null;
            gOut[l] = new float[steps * n];
        }
        arrivals = new float[widest];
        current = new float[widest];
        v = new float[widest];
        gV = new float[widest];
        gI = new float[widest];
        ga = new float[widest];
        logits = new double[model.spec.classes()];
        dLogit = new double[model.spec.classes()];
    }

    int steps() {
        return steps;
    }

    /** Runs the sample through every layer. */
    void forward(SpikeRaster in) {
        if (in.neurons() != model.spec.inputs() || in.steps() != steps) {
            throw new IllegalArgumentException("input raster " + in.neurons() + " neurons x " + in.steps()
                    + " steps: the model expects " + model.spec.inputs() + " x " + steps);
        }
        this.input = in;
        for (int l = 0; l < model.layers.length; l++) {
            forwardLayer(l);
        }
        computeLogits();
    }

    private void forwardLayer(int l) {
        Model.Layer L = model.layers[l];
        int n = L.n;
        int m = L.m;
        float[] a = arrivals;
        float[] i0 = current;
        float[] v0 = v;
        java.util.Arrays.fill(i0, 0, n, 0f);
        java.util.Arrays.fill(v0, 0, n, 0f);
        int[] idx = spikeIdx[l];
        int[] start = spikeStart[l];
        float[] val = spikeVal[l];
        float[] bias = L.bias;
        float beta = L.beta;
        float rest = L.rest;
        float psc = L.psc;
        float alpha = L.alpha;
        float th = L.th;
        int count = 0;
        start[0] = 0;
        for (int t = 0; t < steps; t++) {
            java.util.Arrays.fill(a, 0, n, 0f);
            for (int e = Math.max(0, t - L.reach); e <= t; e++) {
                int k = t - e < L.tapOf.length ? L.tapOf[t - e] : -1;
                if (k >= 0) {
                    addInputRows(l, e, a, L.effIn[k], n, m);
                }
                if (L.effRec != null && e == t - 1) {
                    addRows(a, L.effRec, n, idx, start[e], start[e + 1], val, e * n);
                }
            }
            int base = t * n;
            float[] u = pre[l];
            float[] x = cur[l];
            float[] after = post[l];
            for (int j = 0; j < n; j++) {
                float xj = i0[j] + a[j];
                float vj = bias != null ? (beta * v0[j] + rest) + (bias[j] + psc * xj) : (beta * v0[j] + rest) + psc * xj;
                i0[j] = alpha * xj;
                x[base + j] = xj;
                u[base + j] = vj;
            }
            if (!L.spec.spiking()) {
                System.arraycopy(u, base, after, base, n);
                System.arraycopy(u, base, v0, 0, n);
            } else if (smooth) {
                Surrogate sg = model.spec.surrogate();
                for (int j = 0; j < n; j++) {
                    float uj = u[base + j];
                    float s = sg.spike(uj - th);
                    val[base + j] = s;
                    idx[count++] = j;
                    float vj = L.subtract ? uj - L.resetStep * s : uj * (1f - s) + L.vReset * s;
                    after[base + j] = vj;
                    v0[j] = vj;
                }
            } else {
                for (int j = 0; j < n; j++) {
                    float uj = u[base + j];
                    float vj = uj;
                    if (uj > th) {
                        vj = L.subtract ? uj - L.resetStep : L.vReset;
                        idx[count++] = j;
                    }
                    after[base + j] = vj;
                    v0[j] = vj;
                }
            }
            start[t + 1] = count;
        }
    }

    /** Adds the weight rows of layer l's inputs that spiked at step e. */
    private void addInputRows(int l, int e, float[] a, float[] w, int n, int m) {
        if (l == 0) {
            addRows(a, w, n, input.indexArray(), input.from(e), input.to(e), null, 0);
        } else {
            addRows(a, w, n, spikeIdx[l - 1], spikeStart[l - 1][e], spikeStart[l - 1][e + 1], spikeVal[l - 1], e * m);
        }
    }

    /** a += val_i w[i, :] over the spikes idx[from..to) (val = 1 for binary spikes). */
    private static void addRows(float[] a, float[] w, int n, int[] idx, int from, int to, float[] val, int valBase) {
        for (int k = from; k < to; k++) {
            int i = idx[k];
            int row = i * n;
            if (val == null) {
                for (int j = 0; j < n; j++) {
                    a[j] += w[row + j];
                }
            } else {
                float s = val[valBase + i];
                for (int j = 0; j < n; j++) {
                    a[j] += s * w[row + j];
                }
            }
        }
    }

    /** g[i, :] += val_i ga over the spikes idx[from..to). */
    private static void addGradRows(float[] g, float[] ga, int n, int[] idx, int from, int to, float[] val, int valBase) {
        for (int k = from; k < to; k++) {
            int i = idx[k];
            int row = i * n;
            if (val == null) {
                for (int j = 0; j < n; j++) {
                    g[row + j] += ga[j];
                }
            } else {
                float s = val[valBase + i];
                for (int j = 0; j < n; j++) {
                    g[row + j] += s * ga[j];
                }
            }
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

    /** Backpropagates the output gradient through time and the layers, adding into {@code grads}. */
    void backward(Grads grads) {
        for (int l = model.layers.length - 1; l >= 0; l--) {
            if (l > 0) {
                java.util.Arrays.fill(gOut[l - 1], 0, steps * model.layers[l - 1].n, 0f);
            }
            backwardLayer(l, grads);
        }
    }

    private void backwardLayer(int l, Grads grads) {
        Model.Layer L = model.layers[l];
        int n = L.n;
        int m = L.m;
        float[] gs = gOut[l];
        float[] u = pre[l];
        float[] after = post[l];
        float[] x = cur[l];
        float[] val = spikeVal[l];
        int[] idx = spikeIdx[l];
        int[] start = spikeStart[l];
        java.util.Arrays.fill(gV, 0, n, 0f);
        java.util.Arrays.fill(gI, 0, n, 0f);
        float[] gBias = grads.bias[l];
        float[][] gIn = grads.in[l];
        float[] gRec = grads.rec[l];
        Surrogate sg = model.spec.surrogate();
        boolean detach = model.spec.detachReset();
        boolean spiking = L.spec.spiking();
        boolean trainTau = L.spec.trainTau();
        double gBeta = 0;
        double gRest = 0;
        double gPsc = 0;
        double gAlpha = 0;
        float th = L.th;
        float beta = L.beta;
        float psc = L.psc;
        float alpha = L.alpha;
        float[] gPrev = l > 0 ? gOut[l - 1] : null;
        for (int t = steps - 1; t >= 0; t--) {
            int base = t * n;
            int spikeAt = start[t];
            int spikeEnd = start[t + 1];
            for (int j = 0; j < n; j++) {
                float uj = u[base + j];
                float gu;
                if (spiking) {
                    float d = sg.grad(uj - th);
                    float s;
                    if (smooth) {
                        s = val[base + j];
                    } else {
                        s = spikeAt < spikeEnd && idx[spikeAt] == j ? 1f : 0f;
                        if (s == 1f) {
                            spikeAt++;
                        }
                    }
                    float dvdu;
                    if (L.subtract) {
                        dvdu = detach ? 1f : 1f - L.resetStep * d;
                    } else {
                        dvdu = detach ? 1f - s : (1f - s) + (L.vReset - uj) * d;
                    }
                    gu = gV[j] * dvdu + gs[base + j] * d;
                } else {
                    gu = gV[j] + gs[base + j];
                }
                float gx = psc * gu + alpha * gI[j];
                if (trainTau) {
                    float vPrev = t > 0 ? after[base - n + j] : 0f;
                    gBeta += (double) gu * vPrev;
                    gRest += gu;
                    gPsc += (double) gu * x[base + j];
                    gAlpha += (double) gI[j] * x[base + j];
                }
                if (gBias != null) {
                    gBias[j] += gu;
                }
                ga[j] = gx;
                gI[j] = gx;
                gV[j] = beta * gu;
            }
            for (int e = Math.max(0, t - L.reach); e <= t; e++) {
                int k = t - e < L.tapOf.length ? L.tapOf[t - e] : -1;
                if (k >= 0) {
                    if (l == 0) {
                        addGradRows(gIn[k], ga, n, input.indexArray(), input.from(e), input.to(e), null, 0);
                    } else {
                        addGradRows(gIn[k], ga, n, spikeIdx[l - 1], spikeStart[l - 1][e], spikeStart[l - 1][e + 1],
                                spikeVal[l - 1], e * m);
                        dotRows(gPrev, e * m, L.effIn[k], n, m, ga);
                    }
                }
            }
            if (L.effRec != null && t > 0) {
                addGradRows(gRec, ga, n, idx, start[t - 1], start[t], val, (t - 1) * n);
                dotRows(gs, (t - 1) * n, L.effRec, n, n, ga);
            }
        }
        if (trainTau) {
            // rest = (1 - beta) V_inf, so its tau dependence is through beta (dRestDtm from the closed form)
            grads.tau[l][0] += gBeta * L.dBetaDtm + gRest * L.dRestDtm + gPsc * L.dPscDtm;
            if (L.spec.filtered()) {
                grads.tau[l][1] += gPsc * L.dPscDts + gAlpha * L.dAlphaDts;
            }
        }
    }

    /** g[base + i] += w[i, :] . ga for every input i (the gradient into the previous layer's spikes). */
    private static void dotRows(float[] g, int base, float[] w, int n, int m, float[] ga) {
        for (int i = 0; i < m; i++) {
            int row = i * n;
            float s = 0f;
            for (int j = 0; j < n; j++) {
                s += w[row + j] * ga[j];
            }
            g[base + i] += s;
        }
    }
}
