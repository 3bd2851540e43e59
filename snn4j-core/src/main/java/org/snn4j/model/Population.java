package org.snn4j.model;

/**
 * A named group of identical {@link CubaLif} neurons, with the initial potential of each neuron
 * already drawn (so that the specification is a value that every engine starts from identically).
 */
public final class Population {
    private final String name;
    private final int size;
    private final CubaLif model;
    private final double[] initialV;

    Population(String name, int size, CubaLif model, double[] initialV) {
        this.name = name;
        this.size = size;
        this.model = model;
        this.initialV = initialV;
    }

    public String name() {
        return name;
    }

    public int size() {
        return size;
    }

    public CubaLif model() {
        return model;
    }

    /** Initial membrane potential of neuron {@code i}, volts. */
    public double initialV(int i) {
        return initialV[i];
    }

    @Override
    public String toString() {
        return "Population[" + name + ", " + size + " x " + model + "]";
    }
}
