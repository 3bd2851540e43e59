package org.snn4j.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Gradient buffers shaped like a model's trainable tensors (same order as {@link Model#tensors()}). */
final class Grads {
    final float[][][] in;
    final float[][] rec;
    final float[][] bias;
    final double[][] tau;
    private final List<float[]> flat = new ArrayList<>();

    Grads(Model model) {
        int layers = model.layers.length;
        in = new float[layers][][];
        rec = new float[layers][];
        bias = new float[layers][];
        tau = new double[layers][2];
        for (int l = 0; l < layers; l++) {
            Model.Layer layer = model.layers[l];
            in[l] = new float[layer.taps][layer.m * layer.n];
            rec[l] = layer.wRec == null ? null : new float[layer.n * layer.n];
            bias[l] = layer.bias == null ? null : new float[layer.n];
        }
    }

    void clear() {
        for (int l = 0; l < in.length; l++) {
            for (float[] g : in[l]) {
                Arrays.fill(g, 0f);
            }
            if (rec[l] != null) {
                Arrays.fill(rec[l], 0f);
            }
            if (bias[l] != null) {
                Arrays.fill(bias[l], 0f);
            }
            Arrays.fill(tau[l], 0);
        }
    }

    /** this += other, element by element (a fixed order, so sums do not depend on threads). */
    void add(Grads other) {
        for (int l = 0; l < in.length; l++) {
            for (int k = 0; k < in[l].length; k++) {
                addInto(in[l][k], other.in[l][k]);
            }
            if (rec[l] != null) {
                addInto(rec[l], other.rec[l]);
            }
            if (bias[l] != null) {
                addInto(bias[l], other.bias[l]);
            }
            tau[l][0] += other.tau[l][0];
            tau[l][1] += other.tau[l][1];
        }
    }

    private static void addInto(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
    }

    /** The gradient of each tensor of {@link Model#tensors()}, time constants rounded to float. */
    List<float[]> tensors(Model model) {
        flat.clear();
        for (int l = 0; l < in.length; l++) {
            flat.addAll(Arrays.asList(in[l]));
            if (rec[l] != null) {
                flat.add(rec[l]);
            }
            if (bias[l] != null) {
                flat.add(bias[l]);
            }
            if (model.layers[l].spec.trainTau()) {
                flat.add(new float[] {(float) tau[l][0], (float) tau[l][1]});
            }
        }
        return flat;
    }
}
