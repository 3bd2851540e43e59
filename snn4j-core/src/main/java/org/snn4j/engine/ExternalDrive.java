package org.snn4j.engine;

import org.snn4j.model.AnalogInput;

/** The voltage drive of analog inputs over one step, computed in double and rounded once to float. */
final class ExternalDrive {
    private ExternalDrive() {
    }

    /** ext[i] = gain * sum_a w_a[i] * values[a], with gain = (1 - beta) R. */
    static void compute(AnalogInput[] inputs, double[] values, float gain, float[] ext) {
        for (int i = 0; i < ext.length; i++) {
            double sum = 0;
            for (int a = 0; a < inputs.length; a++) {
                sum += (double) inputs[a].weight(i) * values[a];
            }
            ext[i] = (float) (gain * sum);
        }
    }
}
