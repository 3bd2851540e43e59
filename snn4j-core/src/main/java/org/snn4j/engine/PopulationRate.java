package org.snn4j.engine;

/** Spikes of a population per step; {@link #ratesHz()} turns them into an instantaneous rate. */
public record PopulationRate(String population, int size, int[] countsPerStep, double dtSeconds) {
    public double[] ratesHz() {
        double[] r = new double[countsPerStep.length];
        for (int k = 0; k < r.length; k++) {
            r[k] = countsPerStep[k] / (size * dtSeconds);
        }
        return r;
    }
}
