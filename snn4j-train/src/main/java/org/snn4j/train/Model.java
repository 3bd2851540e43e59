package org.snn4j.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.snn4j.kernel.StepConstants;
import org.snn4j.model.CubaLif;
import org.snn4j.model.LifPropagators;

/**
 * A trainable model's parameters and the state derived from them: per layer the tap weights of the
 * input projection ({@code wIn[k]}: row i, the weights of input i to every neuron, at {@code i * n}),
 * the recurrent weights, the bias drive per step (a voltage added to V every step, as a
 * {@code nn.Linear} bias in snnTorch), and the time constants. Pruning masks and b-bit
 * quantization give the effective weights that the forward pass and the export use; gradients
 * flow to the full-precision weights (straight-through estimator).
 */
public final class Model {
    final ModelSpec spec;
    final Layer[] layers;
    private int weightBits;
    private double quantPercentile = 100;

    /** A fresh model initialised as PyTorch's {@code nn.Linear}: U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
    public Model(ModelSpec spec, long seed) {
        this.spec = spec;
        this.layers = new Layer[spec.layers().size()];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int l = 0; l < layers.length; l++) {
            LayerSpec s = spec.layers().get(l);
            Layer layer = new Layer(s, spec.inputSize(l), spec.dtSeconds());
            double bound = 1 / Math.sqrt((double) layer.m * layer.taps + (s.recurrent() ? layer.n : 0));
            SplittableRandom r = rng.split();
            for (float[] w : layer.wIn) {
                fill(w, r, bound);
            }
            if (layer.wRec != null) {
                fill(layer.wRec, r, bound);
            }
            if (layer.bias != null) {
                fill(layer.bias, r, bound);
            }
            layers[l] = layer;
        }
        refresh();
    }

    private static void fill(float[] w, SplittableRandom r, double bound) {
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((2 * r.nextDouble() - 1) * bound);
        }
    }

    public ModelSpec spec() {
        return spec;
    }

    /** Bits per weight (0: float32, not quantized). */
    public int weightBits() {
        return weightBits;
    }

    /**
     * Quantizes the weights of every layer to b bits, symmetric, one scale per layer: the scale maps
     * the given percentile of |w| (100: the largest) to the largest level 2^(b-1) - 1; weights
     * beyond it saturate. Training goes on in full precision with a straight-through estimator.
     */
    public void quantize(int bits, double percentile) {
        if (bits < 2 || bits > 16) {
            throw new IllegalArgumentException("weight bits " + bits + ": must be in 2..16 (0 or negative is invalid)");
        }
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("quantization percentile " + percentile + ": must be in (0, 100]");
        }
        this.weightBits = bits;
        this.quantPercentile = percentile;
        refresh();
    }

    public double quantPercentile() {
        return quantPercentile;
    }

    /**
     * Delay pruning (SNNDelays): keeps the k candidate delays of largest |w| per synapse (input i to
     * neuron j; synaptic mode) or per input neuron (sum of |w| over its targets; axonal mode, one set
     * of delays per axon); the others are removed for good. Ties keep the shorter delay. Layers with
     * k candidate delays or fewer are left as they are.
     */
    public void pruneDelays(int k, boolean axonal) {
        int most = 0;
        for (Layer layer : layers) {
            most = Math.max(most, layer.taps);
        }
        if (k < 1 || k > most) {
            throw new IllegalArgumentException("pruning k " + k + ": must be in 1.." + most
                    + " (the most candidate delays of any layer)");
        }
        for (Layer layer : layers) {
            if (layer.taps <= k) {
                continue;
            }
            layer.ensureMasks();
            int n = layer.n;
            float[] score = new float[layer.taps];
            for (int i = 0; i < layer.m; i++) {
                if (axonal) {
                    Arrays.fill(score, 0f);
                    for (int t = 0; t < layer.taps; t++) {
                        for (int j = 0; j < n; j++) {
                            score[t] += layer.maskIn[t][i * n + j] != 0 ? Math.abs(layer.wIn[t][i * n + j]) : 0f;
                        }
                    }
                    boolean[] keep = topK(score, k);
                    for (int t = 0; t < layer.taps; t++) {
                        if (!keep[t]) {
                            Arrays.fill(layer.maskIn[t], i * n, i * n + n, (byte) 0);
                        }
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        for (int t = 0; t < layer.taps; t++) {
                            int at = i * n + j;
                            score[t] = layer.maskIn[t][at] != 0 ? Math.abs(layer.wIn[t][at]) : -1f;
                        }
                        boolean[] keep = topK(score, k);
                        for (int t = 0; t < layer.taps; t++) {
                            if (!keep[t]) {
                                layer.maskIn[t][i * n + j] = 0;
                            }
                        }
                    }
                }
            }
        }
        refresh();
    }

    /** Keeps, per neuron, the {@code maxFanIn} input synapses (over inputs and delays) of largest |w|. */
    public void limitFanIn(int maxFanIn) {
        if (maxFanIn < 1) {
            throw new IllegalArgumentException("max fan-in " + maxFanIn + ": must be >= 1");
        }
        for (Layer layer : layers) {
            layer.ensureMasks();
            int n = layer.n;
            int candidates = layer.m * layer.taps;
            if (candidates <= maxFanIn) {
                continue;
            }
            float[] score = new float[candidates];
            for (int j = 0; j < n; j++) {
                for (int t = 0; t < layer.taps; t++) {
                    for (int i = 0; i < layer.m; i++) {
                        int at = i * n + j;
                        score[t * layer.m + i] = layer.maskIn[t][at] != 0 ? Math.abs(layer.wIn[t][at]) : -1f;
                    }
                }
                boolean[] keep = topK(score, maxFanIn);
                for (int t = 0; t < layer.taps; t++) {
                    for (int i = 0; i < layer.m; i++) {
                        if (!keep[t * layer.m + i]) {
                            layer.maskIn[t][i * n + j] = 0;
                        }
                    }
                }
            }
        }
        refresh();
    }

    /** The k largest scores (earlier index first among equals); negative scores are never kept. */
    private static boolean[] topK(float[] score, int k) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(score[b], score[a]));
        boolean[] keep = new boolean[score.length];
        for (int r = 0; r < Math.min(k, order.length); r++) {
            if (score[order[r]] >= 0) {
                keep[order[r]] = true;
            }
        }
        return keep;
    }

    /**
     * Recomputes what derives from the parameters: the float step constants (from the trained time
     * constants through the same {@link LifPropagators} the engines use), masked weights set to 0,
     * and the quantized weights.
     */
    void refresh() {
        for (Layer layer : layers) {
            layer.refresh(weightBits, quantPercentile);
        }
    }

    /** The trainable tensors in a fixed order (weights, recurrent weights, bias, time constants). */
    List<float[]> tensors() {
        List<float[]> out = new ArrayList<>();
        for (Layer layer : layers) {
            out.addAll(layer.tensors());
        }
        return out;
    }

    /** Whether weight decay applies to each tensor of {@link #tensors()} (weights only). */
    List<Boolean> decays() {
        List<Boolean> out = new ArrayList<>();
        for (Layer layer : layers) {
            for (int k = 0; k < layer.taps; k++) {
                out.add(true);
            }
            if (layer.wRec != null) {
                out.add(true);
            }
            if (layer.bias != null) {
                out.add(false);
            }
            if (layer.spec.trainTau()) {
                out.add(false);
            }
        }
        return out;
    }

    /** Synapses kept (not pruned) in all layers. */
    public long synapseCount() {
        long s = 0;
        for (Layer layer : layers) {
            s += layer.keptIn() + (layer.wRec != null ? (long) layer.n * layer.n : 0);
        }
        return s;
    }

    /**
     * Model size in bits: every kept synapse's weight (b bits, or 32), its delay (enough bits for the
     * largest candidate delay when a layer has more than one), 32 bits per bias and time constant.
     */
    public long sizeBits() {
        long bits = 0;
        int wb = weightBits == 0 ? 32 : weightBits;
        for (Layer layer : layers) {
            long kept = layer.keptIn();
            bits += kept * wb;
            if (layer.taps > 1) {
                bits += kept * (32 - Integer.numberOfLeadingZeros(layer.spec.maxTap()));
            }
            if (layer.wRec != null) {
                bits += (long) layer.n * layer.n * wb;
            }
            if (layer.bias != null) {
                bits += 32L * layer.n;
            }
            if (layer.spec.trainTau()) {
                bits += 64;
            }
        }
        return bits;
    }

    /** The neuron model a layer runs with (its trained time constants included). */
    public CubaLif neuron(int l) {
        return layers[l].neuron();
    }

    /** One layer's parameters and derived state. */
    static final class Layer {
        final LayerSpec spec;
        final int m;
        final int n;
        final int taps;
        final double dt;
        final float[][] wIn;
        final float[] wRec;
        final float[] bias;
        /** {tau_mem, tau_syn} in seconds. */
        final float[] tau;
        byte[][] maskIn;
        float[][] effIn;
        float[] effRec;
        /** tapOf[d] = index of the tap with delay d, or -1. */
        final int[] tapOf;
        /** How many steps back a step's arrivals come from: the largest tap, at least 1 with recurrence. */
        final int reach;

        /** The kernel's constants of this layer's step (its trained time constants included). */
        StepConstants c;
        /** Derivatives of the constants with respect to tau_mem and tau_syn (for trained time constants). */
        double dBetaDtm;
        double dRestDtm;
        double dPscDtm;
        double dPscDts;
        double dAlphaDts;

        Layer(LayerSpec spec, int m, double dt) {
            this.spec = spec;
            this.m = m;
            this.n = spec.size();
            this.taps = spec.tapCount();
            this.dt = dt;
            wIn = new float[taps][m * n];
            wRec = spec.recurrent() ? new float[n * n] : null;
            bias = spec.bias() ? new float[n] : null;
            tau = new float[] {(float) spec.neuron().tauMemSeconds(), (float) spec.neuron().tauSynSeconds(0)};
            tapOf = new int[spec.maxTap() + 1];
            Arrays.fill(tapOf, -1);
            int[] t = spec.taps();
            for (int k = 0; k < t.length; k++) {
                tapOf[t[k]] = k;
            }
            reach = Math.max(spec.maxTap(), spec.recurrent() ? 1 : 0);
            effIn = wIn;
            effRec = wRec;
        }

        List<float[]> tensors() {
            List<float[]> out = new ArrayList<>(Arrays.asList(wIn));
            if (wRec != null) {
                out.add(wRec);
            }
            if (bias != null) {
                out.add(bias);
            }
            if (spec.trainTau()) {
                out.add(tau);
            }
            return out;
        }

        void ensureMasks() {
            if (maskIn == null) {
                maskIn = new byte[taps][m * n];
                for (byte[] b : maskIn) {
                    Arrays.fill(b, (byte) 1);
                }
            }
        }

        long keptIn() {
            if (maskIn == null) {
                return (long) taps * m * n;
            }
            long c = 0;
            for (byte[] b : maskIn) {
                for (byte x : b) {
                    c += x;
                }
            }
            return c;
        }

        CubaLif neuron() {
            CubaLif base = spec.neuron();
            if (!spec.trainTau()) {
                return base;
            }
            return base.toBuilder().tauMemSeconds(tau[0]).tauSynSeconds(spec.filtered() ? tau[1] : 0).build();
        }

        void refresh(int bits, double percentile) {
            if (spec.trainTau()) {
                if (!(tau[0] > 1e-6 * dt)) {
                    tau[0] = (float) (1e-6 * dt);
                }
                if (spec.filtered() && !(tau[1] > 1e-6 * dt)) {
                    tau[1] = (float) (1e-6 * dt);
                }
            }
            CubaLif model = neuron();
            c = new StepConstants(model, dt);
            if (spec.trainTau()) {
                // derivatives of the closed forms by central differences in double (smooth, ~1e-10)
                double tm = tau[0];
                double h = 1e-5 * tm;
                LifPropagators up = new LifPropagators(model.toBuilder().tauMemSeconds(tm + h).build(), dt);
                LifPropagators dn = new LifPropagators(model.toBuilder().tauMemSeconds(tm - h).build(), dt);
                dBetaDtm = (up.beta - dn.beta) / (2 * h);
                dRestDtm = (up.restDrive - dn.restDrive) / (2 * h);
                dPscDtm = (up.psc(0) - dn.psc(0)) / (2 * h);
                if (spec.filtered()) {
                    double ts = tau[1];
                    double hs = 1e-5 * ts;
                    LifPropagators su = new LifPropagators(model.toBuilder().tauSynSeconds(ts + hs).build(), dt);
                    LifPropagators sd = new LifPropagators(model.toBuilder().tauSynSeconds(ts - hs).build(), dt);
                    dPscDts = (su.psc(0) - sd.psc(0)) / (2 * hs);
                    dAlphaDts = (su.alpha(0) - sd.alpha(0)) / (2 * hs);
                }
            }
            if (maskIn != null) {
                for (int k = 0; k < taps; k++) {
                    for (int x = 0; x < wIn[k].length; x++) {
                        if (maskIn[k][x] == 0) {
                            wIn[k][x] = 0f;
                        }
                    }
                }
            }
            if (bits == 0) {
                effIn = wIn;
                effRec = wRec;
                return;
            }
            float scale = quantScale(bits, percentile);
            if (effIn == wIn) {
                effIn = new float[taps][m * n];
                effRec = wRec == null ? null : new float[n * n];
            }
            for (int k = 0; k < taps; k++) {
                quantizeInto(wIn[k], effIn[k], scale, bits);
            }
            if (wRec != null) {
                quantizeInto(wRec, effRec, scale, bits);
            }
        }

        /** Scale so that the given percentile of |w| over the layer's weights maps to 2^(b-1) - 1. */
        float quantScale(int bits, double percentile) {
            int count = taps * m * n + (wRec == null ? 0 : n * n);
            float[] all = new float[count];
            int c = 0;
            for (float[] w : wIn) {
                for (float x : w) {
                    all[c++] = Math.abs(x);
                }
            }
            if (wRec != null) {
                for (float x : wRec) {
                    all[c++] = Math.abs(x);
                }
            }
            Arrays.sort(all);
            int at = (int) Math.min(count - 1, Math.ceil(percentile / 100 * count) - 1);
            float ref = all[Math.max(0, at)];
            int levels = (1 << (bits - 1)) - 1;
            return ref > 0 ? ref / levels : 1f;
        }

        static void quantizeInto(float[] w, float[] q, float scale, int bits) {
            int levels = (1 << (bits - 1)) - 1;
            for (int x = 0; x < w.length; x++) {
                float level = Math.max(-levels, Math.min(levels, Math.round(w[x] / scale)));
                q[x] = level * scale;
            }
        }
    }
}
