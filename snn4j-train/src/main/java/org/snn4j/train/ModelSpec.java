package org.snn4j.train;

import java.util.List;

/**
 * A trainable model: the input size, the step dt, the layers in order (the last is the output), the
 * surrogate gradient, the loss, and whether the reset's dependence on the spike is cut from the
 * gradient (snnTorch's default detaches it).
 */
public record ModelSpec(int inputs, double dtSeconds, List<LayerSpec> layers, Surrogate surrogate, Loss loss,
        boolean detachReset) {

    public ModelSpec {
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs " + inputs + ": must be >= 1");
        }
        if (!(dtSeconds > 0)) {
            throw new IllegalArgumentException("dtSeconds " + dtSeconds + ": must be > 0");
        }
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("layers: at least one layer is required");
        }
        layers = List.copyOf(layers);
        for (int l = 0; l < layers.size(); l++) {
            LayerSpec s = layers.get(l);
            for (int k = 0; k < l; k++) {
                if (layers.get(k).name().equals(s.name())) {
                    throw new IllegalArgumentException("layer name '" + s.name() + "': used twice");
                }
            }
            if (!s.spiking() && l < layers.size() - 1) {
                throw new IllegalArgumentException("layer " + s.name() + ": only the output layer may be non-spiking");
            }
        }
        if (surrogate == null || loss == null) {
            throw new IllegalArgumentException("surrogate and loss: must be given");
        }
        LayerSpec out = layers.get(layers.size() - 1);
        if (loss.onMembrane() == out.spiking()) {
            throw new IllegalArgumentException("loss " + loss.label + " needs " + (loss.onMembrane()
                    ? "a non-spiking readout" : "a spiking") + " output layer, but layer " + out.name() + " is "
                    + (out.spiking() ? "spiking" : "a non-spiking readout"));
        }
    }

    public LayerSpec output() {
        return layers.get(layers.size() - 1);
    }

    public int classes() {
        return output().size();
    }

    /** The size of layer l's input (the previous layer, or the input for l = 0). */
    public int inputSize(int l) {
        return l == 0 ? inputs : layers.get(l - 1).size();
    }
}
