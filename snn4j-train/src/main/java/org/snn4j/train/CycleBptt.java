package org.snn4j.train;

import java.util.Arrays;
import org.snn4j.engine.AsyncSchedule;
import org.snn4j.engine.OutputTally;
import org.snn4j.engine.Scheduler;
import org.snn4j.kernel.LifStep;
import org.snn4j.kernel.StepConstants;

/**
 * The unlayered forward pass and its backpropagation: a step is unrolled over processing
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

    /** The asynchronous schedule (the event engine's), or null for the synchronous step. */
    private final AsyncSchedule schedule;
    private final AsyncSchedule.Handler handler = new Handler();
    private long scheduleSeed;
    /** The step being run (for the schedule's handler). */
    private int stepT;
    /** The output layer's spikes of the last sample, for the decision. */
    private final OutputTally outputTally;

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

    /** Processing cycles of the synchronous step (layers that spiked); the schedule counts its own. */
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
        schedule = scheduler == null ? null : new AsyncSchedule(scheduler, group, cyclesPerStep, false, 0);
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
        outputTally = new OutputTally(model.layers[layers - 1].n);
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
        return schedule == null ? cycles : schedule.cycles();
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
        outputTally.clear();
        for (int k = 0, total = spikeStart[out][steps]; k < total; k++) {
            outputTally.spike(spikeIdx[out][k], 0);
        }
        return outputTally.decision();
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
        if (schedule != null) {
            schedule.restart(scheduleSeed);
        }
        logSize = 0;
        cycles = 0;
        firstOutputCycle = -1;
        firstOutputStep = -1;
        for (int t = 0; t < steps; t++) {
            logStart[t] = logSize;
            if (schedule == null) {
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
                if (vl[j] > L.c.vThreshold) {
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
            schedule.pendInput(0, input.neuron(k));
        }
        for (int l = 0; l < model.layers.length; l++) {
            open(l, t, false);
        }
        stepT = t;
        schedule.runStep(handler);
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
                // copied to offset 0, so that the loop vectorizes (see Pass.addRows)
                float[] r = this.row;
                System.arraycopy(w, logNeuron[q] * n, r, 0, n);
                if (smooth) {
                    float s = logVal[q];
                    for (int j = 0; j < n; j++) {
                        a[j] += s * r[j];
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        a[j] += r[j];
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
        LifStep.integrateRecording(n, L.c, vl, il, a, bias, x, base);
        Arrays.fill(st, base, base + n, FLUSH + l);
        Arrays.fill(spiked[l], base, base + n, false);
        Arrays.fill(gate[l], 0f);
        if (zPre[l] != null) {
            Arrays.fill(zPre[l], base, base + n, 0f);
            Arrays.fill(zAll[l], base, base + n, 0f);
        }
        if (!withNow && L.spec.spiking()) {
            for (int j = 0; j < n; j++) {
                if (vl[j] > L.c.vThreshold) {
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
        float s = smooth ? model.spec.surrogate().spike(u - L.c.vThreshold) : 1f;
        if (smooth) {
            spikeVal[l][at] = s;
            v[l][j] = LifStep.afterSmoothSpike(L.c, u, s);
        } else {
            v[l][j] = LifStep.afterSpike(L.c, u);
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
                float s = model.spec.surrogate().spike(u - L.c.vThreshold);
                spikeVal[l][base + j] = s;
                v[l][j] = LifStep.afterSmoothSpike(L.c, u, s);
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
        StepConstants c = L.c;
        boolean pend = mayPend && L.spec.spiking();
        float[] zp = zPre[l];
        float[] za = zAll[l];
        int base = t * n;
        if (smooth || za != null) {
            for (int j = 0; j < n; j++) {
                float wj = smooth ? s * w[row + j] : w[row + j];
                LifStep.arrive(c, 0, wj, vl, il, j, fired[base + j]);
                if (za != null) {
                    za[base + j] += wj;
                }
                if (zp != null && !fired[base + j]) {
                    zp[base + j] += wj;
                }
            }
        } else {
            // the common case in one straight loop the compiler vectorizes (fired neurons' V is put
            // back at the end of the step); the largest V among the neurons that may become pending
            // says whether any did
            System.arraycopy(w, row, this.row, 0, n); // at offset 0 the kernel's loop vectorizes
            if (!(LifStep.arriveRow(c, this.row, 0, n, vl, il, gate[l]) > c.vThreshold)) {
                return;
            }
        }
        if (pend) {
            // after the whole row: the same neurons, in the same (ascending) order, as synapse by synapse
            float[] g = gate[l];
            float th = c.vThreshold;
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
        schedule.pend(l, j);
    }

    /** The layers as the schedule sees them: group l is layer l, group -1 the input. */
    private final class Handler implements AsyncSchedule.Handler {
        @Override
        public float potential(int l, int i) {
            return v[l][i];
        }

        @Override
        public boolean fire(int l, int i, int cycleInStep) {
            unpend(l, i);
            if (!(v[l][i] > model.layers[l].c.vThreshold)) {
                return false;
            }
            CycleBptt.this.fire(l, i, stepT, cycleInStep);
            if (l == model.layers.length - 1 && firstOutputCycle < 0) {
                firstOutputCycle = schedule.cycles() + 1;
                firstOutputStep = stepT + 1;
            }
            return true;
        }

        @Override
        public void deliver(int l, int i, int cycleInStep) {
            float s = l < 0 || !smooth ? 1f : spikeVal[l][stepT * model.layers[l].n + i];
            log(l, i, cycleInStep, s);
            CycleBptt.this.deliver(l + 1, i, s, stepT, true);
        }

        @Override
        public void drop(int l, int i) {
            unpend(l, i);
        }

        @Override
        public boolean stop() {
            return false;
        }
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
        float psc = L.c.psc(0);
        float alpha = L.c.alpha(0);
        // the sources' flush stamp: an emission reaches V of a target decided after it
        int sourceFlush = schedule == null ? 2 * l : FLUSH + l - 1;
        int k0 = L.tapOf[0];
        for (int t = steps - 1; t >= 0; t--) {
            int base = t * n;
            for (int j = 0; j < n; j++) {
                float uj = u[base + j];
                float s = !spiking ? 0f : smooth ? spikeVal[l][base + j] : spiked[l][base + j] ? 1f : 0f;
                float gu = preResetGrad(L, sg, detach, uj, s, gV[j], gs[base + j]);
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
                gV[j] = L.c.beta * gu;
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
            int at = logNeuron[q] * n;
            float s = logVal[q];
            float[] row = this.row;
            System.arraycopy(g, at, row, 0, n); // at offset 0 the loop vectorizes
            for (int j = 0; j < n; j++) {
                row[j] += s * coef[j];
            }
            System.arraycopy(row, 0, g, at, n);
        }
    }
}
