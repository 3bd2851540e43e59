package org.snn4j.model;

/**
 * An external current into every neuron of a population: I_ext[i](step k) = weights[i] * series[j]
 * with j = (k - 1) / stepsPerValue (each value is held for stepsPerValue steps; zero after the end of
 * the series). Several inputs into one population add up; a per-neuron bias is an input whose
 * series is constant.
 */
public final class AnalogInput {
    private final String target;
    private final float[] weights;
    private final double[] series;
    private final int stepsPerValue;

    AnalogInput(String target, double[] weights, double[] series, int stepsPerValue) {
        this.target = target;
        Check.notNull("analog input weights", weights);
        Check.notNull("analog input series", series);
        this.weights = new float[weights.length];
        for (int i = 0; i < weights.length; i++) {
            this.weights[i] = (float) Check.finite("analog input weights[" + i + "] into '" + target + "'", weights[i]);
        }
        for (int t = 0; t < series.length; t++) {
            Check.finite("analog input series[" + t + "] into '" + target + "'", series[t]);
        }
        this.series = series.clone();
        if (stepsPerValue <= 0) {
            throw new IllegalArgumentException("stepsPerValue " + stepsPerValue + " of analog input into '" + target
                    + "': must be > 0");
        }
        this.stepsPerValue = stepsPerValue;
    }

    public String target() {
        return target;
    }

    public int size() {
        return weights.length;
    }

    public float weight(int i) {
        return weights[i];
    }

    public int length() {
        return series.length;
    }

    /** Value of the series in force at step k (k >= 1), or 0 after its end. */
    public double valueAtStep(long step) {
        long j = (step - 1) / stepsPerValue;
        return j < series.length ? series[(int) j] : 0;
    }

    /** The j-th value of the series. */
    public double value(int j) {
        return series[j];
    }

    public int stepsPerValue() {
        return stepsPerValue;
    }
}
