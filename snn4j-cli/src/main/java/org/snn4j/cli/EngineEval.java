package org.snn4j.cli;

import java.util.function.LongConsumer;
import org.snn4j.data.SpikeRaster;
import org.snn4j.engine.Decision;
import org.snn4j.engine.EnergyProfile;
import org.snn4j.engine.Engines;
import org.snn4j.engine.EventEngine;
import org.snn4j.engine.Monitor;
import org.snn4j.engine.ProgressListener;
import org.snn4j.engine.RunResult;
import org.snn4j.engine.Scheduler;
import org.snn4j.engine.SpikeTrain;
import org.snn4j.model.Network;
import org.snn4j.train.Export;
import org.snn4j.train.Model;
import org.snn4j.train.Samples;

/**
 * A trained model run by an engine over the first n samples of a test set, with the cost of every
 * inference: what {@code snn4j eval} prints and {@code snn4j async-study} tabulates.
 */
final class EngineEval {
    /** Means per sample over the samples run. */
    record Result(int samples, double accuracy, double spikeDensity, double spikesPerSample, double synOpsPerSample,
            double updatesPerSample, double latencySteps, double latencyCycles, double energyPerSample, double seconds) {
    }

    private EngineEval() {
    }

    /**
     * @param event     the event engine (else the clock engine)
     * @param scheduler the event engine's asynchronous schedule, or null for the synchronous one
     * @param early     stop this many cycles after the first output spike (null: run every step)
     * @param seed      the schedule of sample i is seeded with seed + i
     */
    static Result run(Model model, Samples test, int n, boolean event, Scheduler scheduler, int group, Integer early,
            EnergyProfile profile, long seed, int steps, LongConsumer progress) {
        String output = model.spec().output().name();
        if (!model.spec().output().spiking()) {
            throw new IllegalArgumentException("model with a non-spiking readout (loss " + model.spec().loss().label
                    + "): the engines decide by the output layer's spikes; train it with --loss ce-count or mse-count");
        }
        SpikeRaster raster = new SpikeRaster(test.inputs(), steps);
        long correct = 0;
        long spikes = 0;
        long synOps = 0;
        long updates = 0;
        long cycles = 0;
        long latencySteps = 0;
        double joules = 0;
        int neurons = 0;
        long t0 = System.nanoTime();
        Network exported = null;
        for (int i = 0; i < n; i++) {
            test.encode(i, 0, raster);
            exported = exported == null ? Export.toNetwork(model, raster) : Export.withInput(exported, raster);
            neurons = exported.neuronCount();
            RunResult r;
            int predicted;
            if (event) {
                EventEngine e = Engines.event(exported, model.spec().dtSeconds()).record(Monitor.spikes(output));
                if (scheduler != null) {
                    e.schedule(scheduler, group).seed(seed + i);
                }
                e.earlyDecision(output, early != null ? early : Integer.MAX_VALUE / 2);
                r = e.runSteps(steps);
                Decision d = e.decision();
                predicted = d.neuron() < 0 ? 0 : d.neuron();
                cycles += d.cycles();
                latencySteps += d.steps();
            } else {
                r = Engines.clock(exported, model.spec().dtSeconds()).record(Monitor.spikes(output))
                        .runSteps(steps, ProgressListener.NONE);
                predicted = mostSpikes(r.spikes(output), model.spec().classes());
                latencySteps += steps;
            }
            correct += predicted == test.label(i) ? 1 : 0;
            spikes += r.cost().spikes();
            synOps += r.cost().synOps();
            updates += r.cost().neuronUpdates();
            joules += profile.joules(r.cost());
            progress.accept(i + 1);
        }
        return new Result(n, (double) correct / n, (double) spikes / ((double) neurons * steps * n), (double) spikes / n,
                (double) synOps / n, (double) updates / n, (double) latencySteps / n,
                event ? (double) cycles / n : Double.NaN, joules / n, (System.nanoTime() - t0) * 1e-9);
    }

    /** The clock engine's decision: most spikes, ties to the first to spike. */
    private static int mostSpikes(SpikeTrain s, int classes) {
        int[] count = new int[classes];
        int[] first = new int[classes];
        java.util.Arrays.fill(first, Integer.MAX_VALUE);
        for (int k = 0; k < s.count(); k++) {
            int j = s.neurons()[k];
            count[j]++;
            first[j] = Math.min(first[j], k);
        }
        int best = 0;
        for (int j = 1; j < classes; j++) {
            if (count[j] > count[best] || (count[j] == count[best] && first[j] < first[best])) {
                best = j;
            }
        }
        return best;
    }
}
