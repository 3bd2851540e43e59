package org.snn4j.train;

import org.snn4j.registry.Registry;

/**
 * Training losses on the output layer over the T steps of a sample (averaged over the batch), and
 * the matching prediction.
 */
public enum Loss {
    /** Cross-entropy of softmax(output spike counts) (snnTorch {@code ce_count_loss}). */
    CE_COUNT("ce-count"),
    /** Cross-entropy of softmax(max over time of the output membrane) (snnTorch {@code ce_max_membrane_loss}). */
    CE_MAX_MEMBRANE("ce-max-membrane"),
    /** Cross-entropy of softmax(mean over time of the output membrane). */
    CE_MEAN_MEMBRANE("ce-mean-membrane"),
    /**
     * Mean squared error between spike counts and targets: 0.8 T for the label, 0.2 T for the others
     * (snnTorch {@code mse_count_loss} defaults).
     */
    MSE_COUNT("mse-count");

    /** The name on the command line and in model files. */
    public final String label;

    Loss(String label) {
        this.label = label;
    }

    /** The losses by name (their labels). */
    public static final Registry<Loss> BY_NAME;

    static {
        Registry.Builder<Loss> b = Registry.of("loss");
        for (Loss l : values()) {
            b.add(l.label, l);
        }
        BY_NAME = b.build();
    }

    public static Loss parse(String text) {
        return BY_NAME.get(text);
    }

    /** Whether the loss reads the output layer's membrane (a non-spiking readout) rather than its spikes. */
    public boolean onMembrane() {
        return this == CE_MAX_MEMBRANE || this == CE_MEAN_MEMBRANE;
    }

    static final double MSE_CORRECT_RATE = 0.8;
    static final double MSE_INCORRECT_RATE = 0.2;
}
