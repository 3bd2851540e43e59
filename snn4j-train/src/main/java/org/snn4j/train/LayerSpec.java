package org.snn4j.train;

import java.util.Arrays;
import org.snn4j.model.CubaLif;

/**
 * One layer of a trainable model: a dense projection from the previous layer (or the input) with one
 * weight per candidate delay ("taps", in steps, delay 0 = within the step), optionally a recurrent
 * projection onto itself (delay 1), a per-neuron bias drive, and a one-port CUBA-LIF population, or
 * a non-spiking leaky readout (its membrane is the output).
 *
 * @param neuron      the LIF parameters (one port; tau_syn = 0 for no synaptic filter); no refractory period
 * @param taps        candidate delays of the input projection, ascending and distinct (default {0})
 * @param trainTau    whether tau_mem (and tau_syn, if not 0) are trained
 */
public record LayerSpec(String name, int size, CubaLif neuron, int[] taps, boolean recurrent, boolean bias,
        boolean spiking, boolean trainTau) {

    public LayerSpec {
        if (name == null || name.isEmpty() || name.equals("input")) {
            throw new IllegalArgumentException("layer name '" + name + "': must be non-empty and not 'input'");
        }
        if (size < 1) {
            throw new IllegalArgumentException("layer " + name + " size " + size + ": must be >= 1");
        }
        if (neuron == null) {
            throw new IllegalArgumentException("layer " + name + " neuron: null");
        }
        if (neuron.ports() != 1) {
            throw new IllegalArgumentException("layer " + name + " neuron: " + neuron.ports()
                    + " synaptic ports, the trainer handles one");
        }
        if (neuron.refractorySeconds() != 0) {
            throw new IllegalArgumentException("layer " + name + " neuron refractorySeconds " + neuron.refractorySeconds()
                    + ": the trainer handles no refractory period (0)");
        }
        if (taps == null || taps.length == 0) {
            throw new IllegalArgumentException("layer " + name + " taps: at least one candidate delay is required");
        }
        taps = taps.clone();
        for (int k = 0; k < taps.length; k++) {
            if (taps[k] < 0 || (k > 0 && taps[k] <= taps[k - 1])) {
                throw new IllegalArgumentException("layer " + name + " taps " + Arrays.toString(taps)
                        + ": must be ascending, distinct and >= 0");
            }
        }
    }

    /** A spiking layer without delays or recurrence, with bias, time constants fixed. */
    public static LayerSpec dense(String name, int size, CubaLif neuron) {
        return new LayerSpec(name, size, neuron, new int[] {0}, false, true, true, false);
    }

    public LayerSpec withBias(boolean b) {
        return new LayerSpec(name, size, neuron, taps, recurrent, b, spiking, trainTau);
    }

    @Override
    public int[] taps() {
        return taps.clone();
    }

    public int tapCount() {
        return taps.length;
    }

    public int maxTap() {
        return taps[taps.length - 1];
    }

    /** Whether the synapse has a current (tau_syn > 0) whose time constant can be trained. */
    boolean filtered() {
        return neuron.tauSynSeconds(0) > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerSpec s && s.name.equals(name) && s.size == size && s.neuron.equals(neuron)
                && Arrays.equals(s.taps, taps) && s.recurrent == recurrent && s.bias == bias && s.spiking == spiking
                && s.trainTau == trainTau;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, size, neuron, Arrays.hashCode(taps), recurrent, bias, spiking, trainTau);
    }
}
