package org.snn4j.engine;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.snn4j.arrays.IntList;
import org.snn4j.model.SpikeSource;

/**
 * The spikes of one spike source, step by step: given trains merged into one list by (step, neuron),
 * or Poisson trains drawn as Bernoulli(rate dt) per neuron and step with geometric gaps over the
 * (step, neuron) grid, so the cost is proportional to the spikes. Every engine draws a source's spikes
 * here, so the same seed gives the same input spikes in every engine.
 */
final class SourceStream {
    private final int n;
    private final int[] eventStep;
    private final int[] eventNeuron;
    private int nextEvent;
    private final SplittableRandom rng;
    private final double p;
    private final double logQ;
    private long nextCell;

    SourceStream(SpikeSource src, double dtSeconds, SplittableRandom rng) {
        this.n = src.size();
        this.rng = rng;
        if (src instanceof SpikeSource.Trains t) {
            IntList steps = new IntList(64);
            IntList neurons = new IntList(64);
            for (int i = 0; i < n; i++) {
                for (int k : t.spikeSteps(i)) {
                    steps.add(k);
                    neurons.add(i);
                }
            }
            int m = steps.size();
            long[] keys = new long[m];
            for (int e = 0; e < m; e++) {
                keys[e] = ((long) steps.get(e) << 32) | neurons.get(e);
            }
            Arrays.sort(keys);
            eventStep = new int[m];
            eventNeuron = new int[m];
            for (int e = 0; e < m; e++) {
                eventStep[e] = (int) (keys[e] >>> 32);
                eventNeuron[e] = (int) keys[e];
            }
            p = 0;
            logQ = 0;
        } else {
            SpikeSource.Poisson poisson = (SpikeSource.Poisson) src;
            eventStep = null;
            eventNeuron = null;
            p = Math.min(1, poisson.rateHz() * dtSeconds);
            logQ = Math.log1p(-p);
            nextCell = p == 0 ? Long.MAX_VALUE : gap();
        }
    }

    private long gap() {
        return p >= 1 ? 0 : (long) Math.floor(Math.log(1 - rng.nextDouble()) / logQ);
    }

    /** Writes step k's spikes (ascending) into {@code spikes} and returns their number; steps come in order. */
    int emit(long k, int[] spikes) {
        int count = 0;
        if (eventStep != null) {
            while (nextEvent < eventStep.length && eventStep[nextEvent] == k) {
                spikes[count++] = eventNeuron[nextEvent++];
            }
            return count;
        }
        long stepEnd = k * n;
        while (nextCell < stepEnd) {
            spikes[count++] = (int) (nextCell - (k - 1) * n);
            nextCell += 1 + gap();
        }
        return count;
    }
}
