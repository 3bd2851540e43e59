package org.snn4j.engine;

import java.util.Arrays;
import org.snn4j.kernel.LifStep;
import org.snn4j.kernel.RefractoryList;
import org.snn4j.kernel.StepConstants;
import org.snn4j.model.AnalogInput;
import org.snn4j.model.Population;

/**
 * One worker's share of a population: neurons [lo, lo + n) in arrays of their own (indexed from 0),
 * including their ring buffer and analog drive, so that threads never write the same cache line.
 */
final class Slice {
    final int lo;
    final int n;
    final StepConstants constants;
    final float[] v;
    final float[][] current;
    /** Remaining refractory steps per neuron, and the potential it is held at meanwhile. */
    final int[] refractory;
    final float[] heldV;
    final RefractoryList refractoryList;
    /** Scratch for the ports' summed drive (models with three ports or more). */
    final float[] drive;
    /** The ring buffer: ring[slot * ports + port][neuron], the summed arrivals of that slot's step. */
    final float[][] ring;
    /** arrivals[slot][port] = ring[slot * ports + port]. */
    final float[][][] arrivals;
    /** This step's spikes, local indices ascending. */
    final int[] spikes;
    int spikeCount;
    private final AnalogInput[] inputs;
    private final double[] inputValues;
    /** External drive per neuron ((1 - beta) R I_ext), or null without analog inputs. */
    final float[] ext;

    Slice(Population pop, StepConstants constants, int lo, int hi, int slots, AnalogInput[] inputs) {
        this.lo = lo;
        this.n = hi - lo;
        this.constants = constants;
        int ports = constants.ports;
        v = new float[n];
        for (int j = 0; j < n; j++) {
            v[j] = (float) pop.initialV(lo + j);
        }
        current = new float[ports][n];
        refractory = new int[n];
        heldV = new float[n];
        refractoryList = new RefractoryList(n);
        drive = ports > 2 ? new float[n] : null;
        ring = new float[slots * ports][n];
        arrivals = new float[slots][ports][];
        for (int s = 0; s < slots; s++) {
            for (int q = 0; q < ports; q++) {
                arrivals[s][q] = ring[s * ports + q];
            }
        }
        spikes = new int[n];
        this.inputs = inputs.length == 0 ? null : inputs;
        this.inputValues = new double[inputs.length];
        Arrays.fill(inputValues, Double.NaN);
        this.ext = inputs.length == 0 ? null : new float[n];
    }

    /** Advances every neuron one step, reading the arrivals of ring slot {@code slot}; returns the spike count. */
    int step(long k, int slot) {
        if (inputs != null) {
            updateExternalDrive(k);
        }
        StepConstants c = constants;
        LifStep.integrate(0, n, c, v, current, arrivals[slot], ext, drive);
        int count = LifStep.threshold(0, n, c, v, refractory, spikes, 0);
        refractoryList.restore(v, refractory, heldV);
        refractoryList.add(spikes, count, c.refractorySteps, v, refractory, heldV);
        spikeCount = count;
        return count;
    }

    /** Whether this slice has analog inputs. */
    boolean hasInputs() {
        return inputs != null;
    }

    /** Whether some analog input takes a new value at step k (without applying it). */
    boolean inputChangesAt(long k) {
        for (int a = 0; a < inputs.length; a++) {
            if (Double.compare(inputs[a].valueAtStep(k), inputValues[a]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Recomputes ext = (1 - beta) R sum_a w_a u_a(k), in double, only when some u_a changed. */
    void updateExternalDrive(long k) {
        boolean changed = false;
        for (int a = 0; a < inputs.length; a++) {
            double u = inputs[a].valueAtStep(k);
            if (Double.compare(u, inputValues[a]) != 0) {
                inputValues[a] = u;
                changed = true;
            }
        }
        if (!changed) {
            return;
        }
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int a = 0; a < inputs.length; a++) {
                sum += (double) inputs[a].weight(lo + j) * inputValues[a];
            }
            ext[j] = (float) (constants.currentGain * sum);
        }
    }

    /** The array holding a state variable (V, or the current of a port), indexed locally. */
    float[] variable(StateVariable variable) {
        return variable.port() < 0 ? v : current[variable.port()];
    }
}
