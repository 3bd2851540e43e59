package org.snn4j.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.snn4j.arrays.IntList;
import org.snn4j.engine.Scheduler;

/**
 * The unlayered forward pass and its backpropagation (issue #7): a step is unrolled over processing
 * cycles, as the event engine's asynchronous schedule runs it, instead of layer by layer.
 *
 * <p>Forward, per step (the engine's order, so that an exported model gives the same spikes in
 * {@code EventEngine.schedule(scheduler, group)} with the same seed): the step's input spikes become
 * pending; every layer integrates the step with its delayed arrivals (summed in the order they were
 * emitted), and its neurons above threshold become pending (layer by layer, ascending). Then each
 * cycle takes up to {@code group} pending entries in the scheduler's order, drops the neurons no
 * longer above threshold, fires the others, and delivers their zero-delay arrivals: each adds
 * {@code psc w} to V (unless the target already fired this step) and {@code alpha w} to I, and a
 * target that crosses becomes pending. A step ends when nothing is pending (or after
 * {@code cyclesPerStep} cycles: what is still pending is dropped). With no scheduler the step runs
 * synchronously instead, layer by layer with every arrival in the opening sum: the clock engine's
 * step, bitwise {@link Bptt}'s.
 *
 * <p>Gradients: the schedule (who fires in which cycle) is a discrete choice and held fixed; the
 * values are differentiated. A neuron's spike is the surrogate of its V when it fired, or of its V
 * at the end of the step if it did not; the emission of a neuron that did not fire is placed at the
 * end of the step (its layer's "flush", after the layers below it), so its gradient says what a spike
 * at the end of the step would have done. Emission q reaches target j's V if it came in an earlier
 * cycle than j's decision, and always reaches j's current. In smooth mode (gradient checks) the
 * non-fired neurons really emit their fractional spikes at the flush, so the backward pass is the
 * exact derivative of the forward one.
 */
final class CycleBptt extends Pass {
    /** The decision stamp of layer l's end-of-step flush is FLUSH + l (the input never flushes: FLUSH - 1). */
    private static final int FLUSH = Integer.MAX_VALUE / 2;

    private final Scheduler scheduler;
    private final int group;
    private final int cyclesPerStep;
    private long scheduleSeed;
    private SplittableRandom rng;

    // per layer: the state
    private final float[][] v;
    private final float[][] current;
    /**
     * Per layer: V of a neuron just after it fired. A fired neuron's V takes no more arrivals this step;
     * the binary delivery loop adds them anyway (one branch-free loop) and this puts V back at the end
     * of the step (nothing reads a fired neuron's V before: it cannot be pending again).
     */
    private final float[][] vFired;
    /** Per layer: 0 for a neuron that may become pending (neither pending nor fired this step), else -infinity. */
    private final float[][] gate;
    private final int[] spikes;
    /** Per layer, per step and neuron: the cycle of its decision (fire) or its layer's flush stamp. */
    private final int[][] stamp;
    /** Per layer, per step and neuron: whether it fired (in the cycles, not at a flush). */
    private final boolean[][] spiked;
    /** Per layer with trained time constants: zero-delay input summed into V before the decision, and into I. */
    private final float[][] zPre;
    private final float[][] zAll;

    // the emission log, per step in emission order: source layer (-1 the input), neuron, cycle stamp, value
    private int[] logSrc;
    private int[] logNeuron;
    private int[] logStamp;
    private float[] logVal;
    private final int[] logStart;
    private int logSize;

    // pending entries: layer (-1 the input) and neuron, in the order they became pending
    private final IntList pendingLayer = new IntList(64);
    private final IntList pendingNeuron = new IntList(64);
    private final Scheduler.Pending pendingView = new Scheduler.Pending() {
        @Override
        public int size() {
            return pendingLayer.size();
        }

        @Override
        public float potential(int j) {
            int l = pendingLayer.get(j);
            return l < 0 ? Float.POSITIVE_INFINITY : v[l][pendingNeuron.get(j)];
        }

        @Override
        public int leadingInputs() {
            return pendingInputs;
        }
    };
    /** Input spikes among the pending entries (always the first ones). */
    private int pendingInputs;
    /** The entries of the cycle being emitted (grown on demand up to F). */
    private int[] groupLayer;
    private int[] groupNeuron;

    private long cycles;
    private long firstOutputCycle;
    private int firstOutputStep;

    private final float[] a;
    private final float[] gV;
    private final float[] gI;
    private final float[] gx;
    private final float[] ga0;
    private final float[] extra;

    /**
     * @param scheduler     null for the synchronous (layered) step
     * @param group         F, the entries emitted per cycle
     * @param cyclesPerStep the cycles a step may use (Integer.MAX_VALUE: until nothing is pending)
     */
    CycleBptt(Model model, int steps, Scheduler scheduler, int group, int cyclesPerStep) {
        super(model, steps);
        if (group < 1) {
            throw new IllegalArgumentException("group " + group + ": must be >= 1 (1 = fully asynchronous)");
        }
        if (cyclesPerStep < 1) {
            throw new IllegalArgumentException("cycles per step " + cyclesPerStep + ": must be >= 1");
        }
        this.scheduler = scheduler;
        this.group = group;
        this.cyclesPerStep = cyclesPerStep;
        int layers = model.layers.length;
        v = new float[layers][];
        current = new float[layers][];
        vFired = new float[layers][];
        gate = new float[layers][];
        spikes = new int[layers];
        stamp = new int[layers][];
        spiked = new boolean[layers][];
        zPre = new float[layers][];
        zAll = new float[layers][];
        int perStep = model.spec.inputs();
        for (int l = 0; l < layers; l++) {
            int n = model.layers[l].n;
            v[l] = new float[n];
            current[l] = new float[n];
            vFired[l] = new float[n];
            gate[l] = new float[n];
            stamp[l] = new int[steps * n];
            spiked[l] = new boolean[steps * n];
            if (model.layers[l].spec.trainTau()) {
                zPre[l] = new float[steps * n];
                zAll[l] = new float[steps * n];
            }
            perStep += n;
        }
        int capacity = Math.max(64, perStep * Math.min(steps, 4));
        logSrc = new int[capacity];
        logNeuron = new int[capacity];
        logStamp = new int[capacity];
        logVal = new float[capacity];
        logStart = new int[steps + 1];
        groupLayer = new int[Math.min(group, 64)];
        groupNeuron = new int[groupLayer.length];
        int widest = widest(model);
        a = new float[widest];
        gV = new float[widest];
        gI = new float[widest];
        gx = new float[widest];
        ga0 = new float[widest];
        extra = new float[widest];
        seed(0);
    }

    /**
     * The seed of the schedule's random stream for the following samples (each forward pass starts the
     * stream afresh): the engine's stream for {@code EventEngine.seed(seed)}.
     */
    void seed(long seed) {
        scheduleSeed = seed;
    }

    /** Processing cycles of the last sample (asynchronous: groups emitted; synchronous: layers that spiked). */
    long cycles() {
        return cycles;
    }

    /** The cycle (counted from the sample's start) of the output layer's first spike, or -1. */
    long firstOutputCycle() {
        return firstOutputCycle;
    }

    /** The step (1-based) of the output layer's first spike, or -1. */
    int firstOutputStep() {
        return firstOutputStep;
    }

    /**
     * The engines' decision rule on the last sample: the output neuron with the most spikes, ties to
     * the first to spike, -1 if none (binary spikes; spikes are recorded in emission order).
     */
    int decision() {
        int out = model.layers.length - 1;
        int n = model.layers[out].n;
        int[] count = new int[n];
        int[] first = new int[n];
        int total = spikeStart[out][steps];
        for (int k = total - 1; k >= 0; k--) {
            int j = spikeIdx[out][k];
            count[j]++;
            first[j] = k;
        }
        int best = -1;
        for (int j = 0; j < n; j++) {
            if (count[j] > 0 && (best < 0 || count[j] > count[best] || (count[j] == count[best] && first[j] < first[best]))) {
                best = j;
            }
        }
        return best;
    }

    /**
     * A hash of the last sample's schedule (who emitted, in which cycle of which step): the discrete
     * part of the pass, which gradients hold fixed (a gradient check compares only where it is unchanged).
     */
    long scheduleSignature() {
        long h = 1;
        for (int q = 0; q < logSize; q++) {
            h = h * 1_000_003L + logSrc[q];
            h = h * 1_000_003L + logNeuron[q];
            h = h * 1_000_003L + logStamp[q];
        }
        for (int t = 0; t <= steps; t++) {
            h = h * 31 + logStart[t];
        }
        return h;
    }

    // ---------------------------------------------------------------- forward

    @Override
    void run() {
        int layers = model.layers.length;
        for (int l = 0; l < layers; l++) {
            Arrays.fill(v[l], 0f);
            Arrays.fill(current[l], 0f);
            spikes[l] = 0;
            spikeStart[l][0] = 0;
        }
        rng = new SplittableRandom(scheduleSeed ^ 0x9E3779B97F4A7C15L);
        logSize = 0;
        cycles = 0;
        firstOutputCycle = -1;
        firstOutputStep = -1;
        pendingLayer.clear();
        pendingInputs = 0;
        pendingNeuron.clear();
        for (int t = 0; t < steps; t++) {
            logStart[t] = logSize;
            if (scheduler == null) {
                synchronousStep(t);
            } else {
                asynchronousStep(t);
            }
            for (int l = 0; l < layers; l++) {
                int n = model.layers[l].n;
                System.arraycopy(v[l], 0, post[l], t * n, n);
                spikeStart[l][t + 1] = spikes[l];
            }
        }
        logStart[steps] = logSize;
    }

    private void synchronousStep(int t) {
        for (int k = input.from(t); k < input.to(t); k++) {
            log(-1, input.neuron(k), 0, 1f);
        }
        for (int l = 0; l < model.layers.length; l++) {
            open(l, t, true);
            Model.Layer L = model.layers[l];
            boolean any = false;
            float[] vl = v[l];
            for (int j = 0; j < L.n && L.spec.spiking(); j++) {
                if (vl[j] > L.th) {
                    log(l, j, 2 * l + 1, fire(l, j, t, 2 * l + 1));
                    any = true;
                }
            }
            if (any) {
                cycles++;
                if (l == model.layers.length - 1 && firstOutputCycle < 0) {
                    firstOutputCycle = cycles;
                    firstOutputStep = t + 1;
                }
            }
            flush(l, t, 2 * l + 2, false);
        }
    }

    private void asynchronousStep(int t) {
        for (int k = input.from(t); k < input.to(t); k++) {
            pendingLayer.add(-1);
            pendingNeuron.add(input.neuron(k));
        }
        pendingInputs = input.to(t) - input.from(t);
        for (int l = 0; l < model.layers.length; l++) {
            open(l, t, false);
        }
        int stepCycles = 0;
        int out = model.layers.length - 1;
        while (pendingLayer.size() > 0) {
            if (stepCycles == cyclesPerStep) {
                for (int q = 0; q < pendingLayer.size(); q++) {
                    if (pendingLayer.get(q) >= 0) {
                        unpend(pendingLayer.get(q), pendingNeuron.get(q));
                    }
                }
                pendingLayer.clear();
                pendingNeuron.clear();
                pendingInputs = 0;
                break;
            }
            int m = 0;
            int c = stepCycles + 1;
            while (m < group && pendingLayer.size() > 0) {
                int q = scheduler.next(pendingView, rng);
                int l = pendingLayer.get(q);
                int i = pendingNeuron.get(q);
                pendingLayer.removeAt(q);
                pendingNeuron.removeAt(q);
                if (l < 0) {
                    pendingInputs--;
                } else {
                    unpend(l, i);
                    if (!(v[l][i] > model.layers[l].th)) {
                        continue; // taken back below threshold before its turn
                    }
                    fire(l, i, t, c);
                    if (l == out && firstOutputCycle < 0) {
                        firstOutputCycle = cycles + 1;
                        firstOutputStep = t + 1;
                    }
                }
                if (m == groupLayer.length) {
                    groupLayer = Arrays.copyOf(groupLayer, 2 * m);
                    groupNeuron = Arrays.copyOf(groupNeuron, 2 * m);
                }
                groupLayer[m] = l;
                groupNeuron[m++] = i;
            }
            if (m == 0) {
                break;
            }
            cycles++;
            stepCycles++;
            for (int e = 0; e < m; e++) {
                int l = groupLayer[e];
                float s = l < 0 ? 1f : smooth ? spikeVal[l][t * model.layers[l].n + groupNeuron[e]] : 1f;
                log(l, groupNeuron[e], c, s);
                deliver(l + 1, groupNeuron[e], s, t, true);
            }
        }
        for (int l = 0; l < model.layers.length; l++) {
            if (!smooth) {
                for (int k = spikeStart[l][t]; k < spikes[l]; k++) {
                    int j = spikeIdx[l][k];
                    v[l][j] = vFired[l][j];
                }
            }
            flush(l, t, FLUSH + l, true);
        }
    }

    /**
     * Integrates layer l's step t with its delayed arrivals (and, synchronously, the zero-delay ones
     * already emitted); asynchronously, neurons above threshold become pending.
     */
    private void open(int l, int t, boolean withNow) {
        Model.Layer L = model.layers[l];
        int n = L.n;
        Arrays.fill(a, 0, n, 0f);
        int last = withNow ? t : t - 1;
        for (int e = Math.max(0, t - L.reach); e <= last; e++) {
            int k = t - e < L.tapOf.length ? L.tapOf[t - e] : -1;
            boolean rec = L.effRec != null && e == t - 1;
            if (k < 0 && !rec) {
                continue;
            }
            for (int q = logStart[e], end = e == t ? logSize : logStart[e + 1]; q < end; q++) {
                int src = logSrc[q];
                float[] w;
                if (src == l - 1 && k >= 0) {
                    w = L.effIn[k];
                } else if (src == l && rec) {
                    w = L.effRec;
                } else {
                    continue;
                }
                int row = logNeuron[q] * n;
                if (smooth) {
                    float s = logVal[q];
                    for (int j = 0; j < n; j++) {
                        a[j] += s * w[row + j];
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        a[j] += w[row + j];
                    }
                }
            }
        }
        float[] vl = v[l];
        float[] il = current[l];
        float[] bias = L.bias;
        int base = t * n;
        float[] x = cur[l];
        int[] st = stamp[l];
        for (int j = 0; j < n; j++) {
            float xj = il[j] + a[j];
            vl[j] = bias != null ? (L.beta * vl[j] + L.rest) + (bias[j] + L.psc * xj) : (L.beta * vl[j] + L.rest) + L.psc * xj;
            il[j] = L.alpha * xj;
            x[base + j] = xj;
            st[base + j] = FLUSH + l;
            spiked[l][base + j] = false;
        }
        Arrays.fill(gate[l], 0f);
        if (zPre[l] != null) {
            Arrays.fill(zPre[l], base, base + n, 0f);
            Arrays.fill(zAll[l], base, base + n, 0f);
        }
        if (!withNow && L.spec.spiking()) {
            for (int j = 0; j < n; j++) {
                if (vl[j] > L.th) {
                    pend(l, j);
                }
            }
        }
    }

    /** Neuron j of layer l fires at step t in cycle stamp c: its reset; returns its spike value. */
    private float fire(int l, int j, int t, int c) {
        Model.Layer L = model.layers[l];
        int at = t * L.n + j;
        float u = v[l][j];
        pre[l][at] = u;
        float s = smooth ? model.spec.surrogate().spike(u - L.th) : 1f;
        if (smooth) {
            spikeVal[l][at] = s;
            v[l][j] = L.subtract ? u - L.resetStep * s : u * (1f - s) + L.vReset * s;
        } else {
            v[l][j] = L.subtract ? u - L.resetStep : L.vReset;
            spikeIdx[l][spikes[l]++] = j;
        }
        vFired[l][j] = v[l][j];
        gate[l][j] = Float.NEGATIVE_INFINITY;
        stamp[l][at] = c;
        spiked[l][at] = true;
        return s;
    }

    /**
     * The end of layer l's step for the neurons that did not fire: their V is what the surrogate sees;
     * in smooth mode they emit their fractional spike now (delivered if {@code deliver}).
     */
    private void flush(int l, int t, int flushStamp, boolean deliver) {
        Model.Layer L = model.layers[l];
        int n = L.n;
        int base = t * n;
        for (int j = 0; j < n; j++) {
            if (spiked[l][base + j]) {
                continue;
            }
            float u = v[l][j];
            pre[l][base + j] = u;
            stamp[l][base + j] = flushStamp;
            if (smooth && L.spec.spiking()) {
                float s = model.spec.surrogate().spike(u - L.th);
                spikeVal[l][base + j] = s;
                v[l][j] = L.subtract ? u - L.resetStep * s : u * (1f - s) + L.vReset * s;
                log(l, j, flushStamp, s);
                if (deliver) {
                    deliver(l + 1, j, s, t, false);
                }
            }
        }
    }

    /** The zero-delay arrivals of neuron i (of layer l - 1, or the input for l = 0) with value s at layer l. */
    private void deliver(int l, int i, float s, int t, boolean mayPend) {
        if (l >= model.layers.length) {
            return;
        }
        Model.Layer L = model.layers[l];
        int k0 = L.tapOf[0];
        if (k0 < 0) {
            return;
        }
        float[] w = L.effIn[k0];
        int n = L.n;
        int row = i * n;
        float[] vl = v[l];
        float[] il = current[l];
        boolean[] fired = spiked[l];
        float alpha = L.alpha;
        float psc = L.psc;
        boolean pend = mayPend && L.spec.spiking();
        float[] zp = zPre[l];
        float[] za = zAll[l];
        int base = t * n;
        if (smooth || za != null) {
            for (int j = 0; j < n; j++) {
                float wj = smooth ? s * w[row + j] : w[row + j];
                il[j] += alpha * wj;
                if (za != null) {
                    za[base + j] += wj;
                }
                if (!fired[base + j]) {
                    vl[j] += psc * wj;
                    if (zp != null) {
                        zp[base + j] += wj;
                    }
                }
            }
        } else {
            // the common case in one straight loop the compiler vectorizes (fired neurons' V is put
            // back at the end of the step); the largest V among the neurons that may become pending
            // says whether any did
            float[] g = gate[l];
            float top = Float.NEGATIVE_INFINITY;
            if (alpha != 0f) {
                for (int j = 0; j < n; j++) {
                    float wj = w[row + j];
                    il[j] += alpha * wj;
                    float vj = vl[j] + psc * wj;
                    vl[j] = vj;
                    top = Math.max(top, vj + g[j]);
                }
            } else {
                // a delta synapse: the current stays 0 (adding 0 w would change nothing)
                for (int j = 0; j < n; j++) {
                    float vj = vl[j] + psc * w[row + j];
                    vl[j] = vj;
                    top = Math.max(top, vj + g[j]);
                }
            }
            if (!(top > L.th)) {
                return;
            }
        }
        if (pend) {
            // after the whole row: the same neurons, in the same (ascending) order, as synapse by synapse
            float[] g = gate[l];
            float th = L.th;
            for (int j = 0; j < n; j++) {
                if (vl[j] + g[j] > th) {
                    pend(l, j);
                }
            }
        }
    }

    /** Neuron j of layer l becomes pending (this step). */
    private void pend(int l, int j) {
        gate[l][j] = Float.NEGATIVE_INFINITY;
        pendingLayer.add(l);
        pendingNeuron.add(j);
    }

    /** Neuron j of layer l leaves the pending list (selected or dropped). */
    private void unpend(int l, int j) {
        gate[l][j] = 0f;
    }

    private void log(int src, int neuron, int c, float s) {
        if (logSize == logSrc.length) {
            int size = logSize * 2;
            logSrc = Arrays.copyOf(logSrc, size);
            logNeuron = Arrays.copyOf(logNeuron, size);
            logStamp = Arrays.copyOf(logStamp, size);
            logVal = Arrays.copyOf(logVal, size);
        }
        logSrc[logSize] = src;
        logNeuron[logSize] = neuron;
        logStamp[logSize] = c;
        logVal[logSize++] = s;
    }

    // ---------------------------------------------------------------- backward

    @Override
    void backwardLayer(int l, Grads grads) {
        Model.Layer L = model.layers[l];
        int n = L.n;
        int m = L.m;
        float[] gs = gOut[l];
        float[] u = pre[l];
        float[] after = post[l];
        float[] x = cur[l];
        int[] st = stamp[l];
        Arrays.fill(gV, 0, n, 0f);
        Arrays.fill(gI, 0, n, 0f);
        float[] gBias = grads.bias[l];
        float[][] gIn = grads.in[l];
        float[] gRec = grads.rec[l];
        float[] gPrev = l > 0 ? gOut[l - 1] : null;
        Surrogate sg = model.spec.surrogate();
        boolean detach = model.spec.detachReset();
        boolean spiking = L.spec.spiking();
        boolean trainTau = L.spec.trainTau();
        double gBeta = 0;
        double gRest = 0;
        double gPsc = 0;
        double gAlpha = 0;
        float psc = L.psc;
        float alpha = L.alpha;
        // the sources' flush stamp: an emission reaches V of a target decided after it
        int sourceFlush = scheduler == null ? 2 * l : FLUSH + l - 1;
        int k0 = L.tapOf[0];
        for (int t = steps - 1; t >= 0; t--) {
            int base = t * n;
            for (int j = 0; j < n; j++) {
                float uj = u[base + j];
                float gu;
                if (spiking) {
                    float d = sg.grad(uj - L.th);
                    float s = smooth ? spikeVal[l][base + j] : spiked[l][base + j] ? 1f : 0f;
                    gu = gV[j] * resetGrad(L, detach, s, d, uj) + gs[base + j] * d;
                } else {
                    gu = gV[j] + gs[base + j];
                }
                float g = psc * gu + alpha * gI[j];
                if (trainTau) {
                    float vPrev = t > 0 ? after[base - n + j] : 0f;
                    gBeta += (double) gu * vPrev;
                    gRest += gu;
                    gPsc += (double) gu * (x[base + j] + zPre[l][base + j]);
                    gAlpha += (double) gI[j] * (x[base + j] + zAll[l][base + j]);
                }
                if (gBias != null) {
                    gBias[j] += gu;
                }
                boolean early = st[base + j] < sourceFlush;
                ga0[j] = early ? alpha * gI[j] : g;
                extra[j] = early ? psc * gu : 0f;
                gx[j] = g;
                gI[j] = g;
                gV[j] = L.beta * gu;
            }
            // delayed arrivals (and the recurrent ones) entered the opening sum: coefficient gx
            for (int e = Math.max(0, t - L.reach); e < t; e++) {
                int k = t - e < L.tapOf.length ? L.tapOf[t - e] : -1;
                boolean rec = L.effRec != null && e == t - 1;
                if (k >= 0) {
                    sourceGrads(l, e, gIn[k], L.effIn[k], gx, n, m, gPrev);
                }
                if (rec) {
                    addLoggedRows(gRec, gx, n, e, l);
                    dotRows(gs, e * n, L.effRec, n, n, gx);
                }
            }
            // zero-delay arrivals: into V only for targets decided after the source's cycle
            if (k0 >= 0) {
                sourceGrads(l, t, gIn[k0], L.effIn[k0], ga0, n, m, gPrev);
                for (int j = 0; j < n; j++) {
                    if (extra[j] == 0f) {
                        continue;
                    }
                    int c = st[base + j];
                    for (int q = logStart[t]; q < logStart[t + 1] && logStamp[q] < c; q++) {
                        if (logSrc[q] != l - 1) {
                            continue;
                        }
                        int i = logNeuron[q];
                        float s = logVal[q];
                        gIn[k0][i * n + j] += s * extra[j];
                        if (gPrev != null) {
                            gPrev[t * m + i] += L.effIn[k0][i * n + j] * extra[j];
                        }
                    }
                }
            }
        }
        if (trainTau) {
            addTauGrads(L, grads, l, gBeta, gRest, gPsc, gAlpha);
        }
    }

    /** Weight rows of layer l's sources that emitted at step e, and the gradient into all of them. */
    private void sourceGrads(int l, int e, float[] gW, float[] w, float[] coef, int n, int m, float[] gPrev) {
        addLoggedRows(gW, coef, n, e, l - 1);
        if (gPrev != null) {
            dotRows(gPrev, e * m, w, n, m, coef);
        }
    }

    /** g[i, :] += s_q coef over the emissions q of layer src at step e. */
    private void addLoggedRows(float[] g, float[] coef, int n, int e, int src) {
        for (int q = logStart[e]; q < logStart[e + 1]; q++) {
            if (logSrc[q] != src) {
                continue;
            }
            int row = logNeuron[q] * n;
            float s = logVal[q];
            for (int j = 0; j < n; j++) {
                g[row + j] += s * coef[j];
            }
        }
    }
}
