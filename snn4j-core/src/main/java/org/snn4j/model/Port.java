package org.snn4j.model;

/** A synaptic port of the target neuron model (for example 0 = excitatory, 1 = inhibitory). */
public record Port(int index) {
    public Port {
        Check.nonNegative("port", index);
    }

    public static Port of(int index) {
        return new Port(index);
    }
}
