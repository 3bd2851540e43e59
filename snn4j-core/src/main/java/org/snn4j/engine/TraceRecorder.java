package org.snn4j.engine;

import org.snn4j.arrays.FloatList;

/** The samples of one state variable of some neurons, step after step, until they become a {@link StateTrace}. */
final class TraceRecorder {
    final StateVariable variable;
    final int[] neurons;
    private final FloatList values = new FloatList(1024);

    TraceRecorder(StateVariable variable, int[] neurons) {
        this.variable = variable;
        this.neurons = neurons.clone();
    }

    /** The next sample (neurons in order, step after step). */
    void add(float value) {
        values.add(value);
    }

    StateTrace toTrace(String population) {
        int steps = neurons.length == 0 ? 0 : values.size() / neurons.length;
        float[][] out = new float[neurons.length][steps];
        for (int k = 0; k < steps; k++) {
            for (int j = 0; j < neurons.length; j++) {
                out[j][k] = values.get(k * neurons.length + j);
            }
        }
        return new StateTrace(population, variable, neurons.clone(), out);
    }
}
