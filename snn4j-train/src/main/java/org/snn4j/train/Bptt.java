package org.snn4j.train;

import org.snn4j.kernel.LifStep;
import org.snn4j.kernel.StepConstants;

/**
 * Forward pass and backpropagation through time of one sample, owned by one worker thread: every
 * buffer is allocated once, for the model and the number of steps.
 *
 * <p>The forward pass is the kernel's step ({@link LifStep#integrateRecording}), the engines' floats,
 * for a network exported by {@link Export}: arrivals of step t are summed in the order the engine
 * adds them to its ring buffer (by emission step, the input before the layer's own recurrent
 * spikes, neurons ascending), then {@code x = I + a; V = (beta V + rest) (+ (bias + psc x) | + psc x);
 * I = alpha x}, spike if V > V_th, reset. So a trained model and the engines give the same spikes.
 * Spikes are binary and sparse: a projection adds the weight rows of the inputs that spiked, and the
 * weight gradient only touches those rows.
 */
final class Bptt extends Pass {
    private final float[] arrivals;
    private final float[] current;
    private final float[] v;
    private final float[] gV;
    private final float[] gI;
    private final float[] ga;

    Bptt(Model model, int steps) {
        super(model, steps);
        int widest = widest(model);
        arrivals = new float[widest];
        current = new float[widest];
        v = new float[widest];
        gV = new float[widest];
        gI = new float[widest];
        ga = new float[widest];
    }

    @Override
    void run() {
        for (int l = 0; l < model.layers.length; l++) {
            forwardLayer(l);
        }
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
        StepConstants c = L.c;
        float th = c.vThreshold;
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
                    addRows(a, L.effRec, n, idx, start[e], start[e + 1], val, e * n, row);
                }
            }
            int base = t * n;
            float[] u = pre[l];
            float[] after = post[l];
            LifStep.integrateRecording(n, c, v0, i0, a, bias, cur[l], base);
            System.arraycopy(v0, 0, u, base, n);
            if (!L.spec.spiking()) {
                System.arraycopy(u, base, after, base, n);
            } else if (smooth) {
                Surrogate sg = model.spec.surrogate();
                for (int j = 0; j < n; j++) {
                    float uj = u[base + j];
                    float s = sg.spike(uj - th);
                    val[base + j] = s;
                    idx[count++] = j;
                    float vj = LifStep.afterSmoothSpike(c, uj, s);
                    after[base + j] = vj;
                    v0[j] = vj;
                }
            } else {
                for (int j = 0; j < n; j++) {
                    float uj = u[base + j];
                    float vj = uj;
                    if (uj > th) {
                        vj = LifStep.afterSpike(c, uj);
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
            addRows(a, w, n, input.indexArray(), input.from(e), input.to(e), null, 0, row);
        } else {
            addRows(a, w, n, spikeIdx[l - 1], spikeStart[l - 1][e], spikeStart[l - 1][e + 1], spikeVal[l - 1], e * m,
                    row);
        }
    }

    @Override
    void backwardLayer(int l, Grads grads) {
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
        float beta = L.c.beta;
        float psc = L.c.psc(0);
        float alpha = L.c.alpha(0);
        float[] gPrev = l > 0 ? gOut[l - 1] : null;
        for (int t = steps - 1; t >= 0; t--) {
            int base = t * n;
            int spikeAt = start[t];
            int spikeEnd = start[t + 1];
            for (int j = 0; j < n; j++) {
                float uj = u[base + j];
                float s = 0f;
                if (smooth) {
                    s = spiking ? val[base + j] : 0f;
                } else if (spikeAt < spikeEnd && idx[spikeAt] == j) {
                    s = 1f;
                    spikeAt++;
                }
                float gu = preResetGrad(L, sg, detach, uj, s, gV[j], gs[base + j]);
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
                        addGradRows(gIn[k], ga, n, input.indexArray(), input.from(e), input.to(e), null, 0, row);
                    } else {
                        addGradRows(gIn[k], ga, n, spikeIdx[l - 1], spikeStart[l - 1][e], spikeStart[l - 1][e + 1],
                                spikeVal[l - 1], e * m, row);
                        dotRows(gPrev, e * m, L.effIn[k], n, m, ga);
                    }
                }
            }
            if (L.effRec != null && t > 0) {
                addGradRows(gRec, ga, n, idx, start[t - 1], start[t], val, (t - 1) * n, row);
                dotRows(gs, (t - 1) * n, L.effRec, n, n, ga);
            }
        }
        if (trainTau) {
            addTauGrads(L, grads, l, gBeta, gRest, gPsc, gAlpha);
        }
    }
}
