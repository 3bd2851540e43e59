package org.snn4j.train;

import java.util.ArrayList;
import java.util.List;
import org.snn4j.model.CubaLif;
import org.snn4j.model.ResetMode;

/**
 * A layered model as snnTorch users describe one: hidden layer sizes and one LIF neuron for all
 * (membrane decay beta per step, synaptic filter in steps, threshold 1, reset to 0 or by subtraction),
 * candidate delays on the hidden layers' inputs, recurrence, biases, trained time constants, the
 * surrogate and the loss. {@link #spec} turns it into a {@link ModelSpec} for a dataset's inputs and
 * classes. Steps are {@link #DT_SECONDS} long.
 *
 * @param taps the candidate delays of the hidden layers' inputs ({0}: no delays; see {@link #taps(int, int)})
 */
public record ModelOptions(int[] hidden, double beta, double tauSynSteps, ResetMode reset, int[] taps,
        boolean recurrent, boolean bias, boolean trainTau, Surrogate surrogate, Loss loss, boolean detachReset) {
    /** The step of a trained model, 1 ms. */
    public static final double DT_SECONDS = 1e-3;

    public ModelOptions {
        if (hidden == null || hidden.length == 0) {
            throw new IllegalArgumentException("hidden: at least one hidden layer");
        }
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("hidden " + h + ": must be >= 1");
            }
        }
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta " + beta + ": must be a positive number");
        }
        if (!(beta < 1)) {
            throw new IllegalArgumentException("beta " + beta + ": must be < 1");
        }
        if (!(tauSynSteps >= 0) || Double.isInfinite(tauSynSteps)) {
            throw new IllegalArgumentException("tau-syn-steps " + tauSynSteps + ": must be a finite number >= 0");
        }
        if (surrogate.isSmooth()) {
            throw new IllegalArgumentException("surrogate " + surrogate + ": smooth is for gradient checks, not training");
        }
        hidden = hidden.clone();
        taps = taps.clone();
    }

    /** The candidate delays 0, stride, 2 stride, ..., up to max steps. */
    public static int[] taps(int max, int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("delay stride " + stride + ": must be >= 1");
        }
        if (max < 0) {
            throw new IllegalArgumentException("largest delay " + max + ": must be >= 0");
        }
        int[] taps = new int[max / stride + 1];
        for (int k = 0; k < taps.length; k++) {
            taps[k] = k * stride;
        }
        return taps;
    }

    /** The model for {@code inputs} input neurons and {@code classes} output neurons. */
    public ModelSpec spec(int inputs, int classes) {
        double dt = DT_SECONDS;
        CubaLif lif = CubaLif.builder().tauMemSeconds(-dt / Math.log(beta)).tauSynSeconds(tauSynSteps * dt).vLeak(0)
                .vThreshold(1).vReset(0).resetMode(reset).refractorySeconds(0).resistance(1).build();
        List<LayerSpec> layers = new ArrayList<>();
        for (int h = 0; h < hidden.length; h++) {
            layers.add(new LayerSpec("hidden" + (h + 1), hidden[h], lif, taps, recurrent, bias, true, trainTau));
        }
        layers.add(new LayerSpec("output", classes, lif, new int[] {0}, false, bias, !loss.onMembrane(), trainTau));
        return new ModelSpec(inputs, dt, layers, surrogate, loss, detachReset);
    }
}
