package org.snn4j.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.arrays.IntList;
import org.snn4j.model.Network;

/**
 * What the monitors record of one population or spike source (its spikes, all or selected; its
 * spike count per step; traces of its state variables), and its spike total: the part of an engine's
 * bookkeeping that both engines share, and that {@link #result} turns into a {@link RunResult}.
 */
final class Recording {
    final String name;
    final int n;
    long spikeTotal;
    private long spikesAtStepEnd;
    private IntList spikeSteps;
    private IntList spikeNeurons;
    private boolean allSpikes;
    /** The recorded neurons when only some are; null for all. */
    private boolean[] selection;
    private IntList rate;
    /** State traces (populations only); the engine samples them. */
    final List<TraceRecorder> traces = new ArrayList<>();

    Recording(String name, int n) {
        this.name = name;
        this.n = n;
    }

    /** Records the given neurons' spikes (all with null); several monitors record the union. */
    void recordSpikes(int[] neurons) {
        if (spikeSteps == null) {
            spikeSteps = new IntList(1024);
            spikeNeurons = new IntList(1024);
        }
        if (neurons == null) {
            allSpikes = true;
            selection = null;
            return;
        }
        for (int i : neurons) {
            checkNeuron(i, "spike monitor");
        }
        if (allSpikes) {
            return;
        }
        if (selection == null) {
            selection = new boolean[n];
        }
        for (int i : neurons) {
            selection[i] = true;
        }
    }

    void recordRate() {
        rate = new IntList(1024);
    }

    void checkNeuron(int i, String monitor) {
        if (i < 0 || i >= n) {
            throw new IllegalArgumentException("neuron " + i + " of " + monitor + " of '" + name + "': must be in [0, "
                    + n + ")");
        }
    }

    /** Neuron i spiked at step k. */
    void spike(int i, long k) {
        spikeTotal++;
        if (spikeSteps != null && (selection == null || selection[i])) {
            spikeSteps.add((int) k);
            spikeNeurons.add(i);
        }
    }

    /** The neurons spikes[0..count) spiked at step k. */
    void spikes(int[] spikes, int count, long k) {
        spikeTotal += count;
        if (spikeSteps == null) {
            return;
        }
        for (int s = 0; s < count; s++) {
            int i = spikes[s];
            if (selection == null || selection[i]) {
                spikeSteps.add((int) k);
                spikeNeurons.add(i);
            }
        }
    }

    /** The end of a step: its spike count goes into the rate record. */
    void endStep() {
        if (rate != null) {
            rate.add((int) (spikeTotal - spikesAtStepEnd));
            spikesAtStepEnd = spikeTotal;
        }
    }

    /** Everything recorded, and the cost from the engine's counts. */
    static RunResult result(Network network, double dtSeconds, Recording[] populations, Recording[] sources, long steps,
            long synOps, long neuronUpdates, double buildSeconds, double loopSeconds) {
        Map<String, SpikeTrain> spikes = new LinkedHashMap<>();
        Map<String, StateTrace[]> states = new LinkedHashMap<>();
        Map<String, PopulationRate> rates = new LinkedHashMap<>();
        Map<String, Long> perPopulation = new LinkedHashMap<>();
        long total = 0;
        for (Recording r : populations) {
            perPopulation.put(r.name, r.spikeTotal);
            total += r.spikeTotal;
            if (!r.traces.isEmpty()) {
                StateTrace[] traces = new StateTrace[r.traces.size()];
                for (int t = 0; t < traces.length; t++) {
                    traces[t] = r.traces.get(t).toTrace(r.name);
                }
                states.put(r.name, traces);
            }
        }
        long fromSources = 0;
        for (Recording r : sources) {
            fromSources += r.spikeTotal;
        }
        List<Recording> all = new ArrayList<>(List.of(populations));
        all.addAll(List.of(sources));
        for (Recording r : all) {
            if (r.spikeSteps != null) {
                spikes.put(r.name, new SpikeTrain(r.name, r.spikeSteps.toArray(), r.spikeNeurons.toArray(), dtSeconds));
            }
            if (r.rate != null) {
                rates.put(r.name, new PopulationRate(r.name, r.n, r.rate.toArray(), dtSeconds));
            }
        }
        Cost cost = new Cost(steps, network.neuronCount(), network.synapseCount(), total,
                Collections.unmodifiableMap(perPopulation), fromSources, synOps, neuronUpdates, buildSeconds,
                loopSeconds);
        return new RunResult(dtSeconds, spikes, states, rates, cost);
    }
}
