package org.snn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.snn4j.data.SpikeRaster;
import org.snn4j.engine.Decision;
import org.snn4j.engine.EnergyProfile;
import org.snn4j.engine.Engines;
import org.snn4j.engine.EventEngine;
import org.snn4j.engine.Monitor;
import org.snn4j.engine.ProgressListener;
import org.snn4j.engine.RunResult;
import org.snn4j.engine.SpikeTrain;
import org.snn4j.train.Export;
import org.snn4j.train.Model;
import org.snn4j.train.ModelFile;
import org.snn4j.train.Samples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code snn4j eval MODEL}: a trained model on the test set, run by an engine, with its cost. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a trained model on a test set in the clock or the event-driven engine: accuracy,",
            "spike density, SynOps, neuron updates, latency and energy per sample (one JSON object)."})
final class EvalCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "a model file written by snn4j train --save")
    Path modelFile;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "fashion-mnist, mnist, shd or delay")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR")
    Path data;

    @Option(names = "--steps", defaultValue = "25")
    int steps;

    @Option(names = "--seed", defaultValue = "0", description = "the seed given to train (fixes the test encoding)")
    long seed;

    @Option(names = "--engine", defaultValue = "clock", description = "clock or event (alias async)")
    String engine;

    @Option(names = "--schedule", defaultValue = "synchronous", description = "synchronous, fifo, random, momentum")
    String schedule;

    @Option(names = "--group", defaultValue = "1", description = "spikes emitted per processing cycle (async)")
    int group;

    @Option(names = "--early", description = "decide at the first output spike plus this many cycles (event engine)")
    Integer early;

    @Option(names = "--energy", defaultValue = "loihi", description = "energy profile: loihi or cpu-45nm")
    String energy;

    @Option(names = "--limit", defaultValue = "1000", description = "test samples (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--no-progress")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        EngineChoice choice = EngineChoice.parse(engine, schedule, group, 1);
        if (early != null && !choice.event()) {
            throw new IllegalArgumentException("--early: needs --engine event");
        }
        EnergyProfile profile = EnergyProfile.named(energy);
        Model model = ModelFile.load(modelFile);
        Samples test = testSet();
        if (test.inputs() != model.spec().inputs()) {
            throw new IllegalArgumentException("model " + modelFile + " expects " + model.spec().inputs()
                    + " inputs, --dataset " + dataset + " gives " + test.inputs());
        }
        int n = Math.min(limit, test.count());
        Options.atLeast("--limit", n, 1);
        String output = model.spec().output().name();
        SpikeRaster raster = new SpikeRaster(test.inputs(), steps);
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "eval", !noProgress);
        long correct = 0;
        long spikes = 0;
        long synOps = 0;
        long updates = 0;
        long cycles = 0;
        long latencySteps = 0;
        double joules = 0;
        int neurons = 0;
        long t0 = System.nanoTime();
        org.snn4j.model.Network exported = null;
        for (int i = 0; i < n; i++) {
            test.encode(i, 0, raster);
            exported = exported == null ? Export.toNetwork(model, raster) : Export.withInput(exported, raster);
            var net = exported;
            neurons = net.neuronCount();
            RunResult r;
            int predicted;
            if (choice.event()) {
                EventEngine e = Engines.event(net, model.spec().dtSeconds()).record(Monitor.spikes(output));
                if (choice.scheduler() != null) {
                    e.schedule(choice.scheduler(), group).seed(seed + i);
                }
                e.earlyDecision(output, early != null ? early : Integer.MAX_VALUE / 2);
                r = e.runSteps(steps);
                Decision d = e.decision();
                predicted = d.neuron() < 0 ? 0 : d.neuron();
                cycles += d.cycles();
                latencySteps += d.steps();
            } else {
                r = Engines.clock(net, model.spec().dtSeconds()).record(Monitor.spikes(output))
                        .runSteps(steps, ProgressListener.NONE);
                predicted = mostSpikes(r.spikes(output), model.spec().classes());
                latencySteps += steps;
            }
            correct += predicted == test.label(i) ? 1 : 0;
            spikes += r.cost().spikes();
            synOps += r.cost().synOps();
            updates += r.cost().neuronUpdates();
            joules += profile.joules(r.cost());
            bar.progress(i + 1, n);
        }
        Json row = new Json().put("model", modelFile.toString()).put("engine", choice.event() ? "event" : "clock")
                .put("schedule", schedule).put("group", group).put("samples", n)
                .put("accuracy", (double) correct / n)
                .put("spike_density", (double) spikes / ((double) neurons * steps * n))
                .put("spikes_per_sample", (double) spikes / n).put("synops_per_sample", (double) synOps / n)
                .put("neuron_updates_per_sample", (double) updates / n)
                .put("latency_steps", (double) latencySteps / n)
                .put("latency_cycles", choice.event() ? (double) cycles / n : Double.NaN)
                .put("energy_profile", profile.name()).put("energy_j_per_sample", joules / n)
                .put("t_s", (System.nanoTime() - t0) * 1e-9);
        out.println(row);
        return 0;
    }

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

    private Samples testSet() throws IOException {
        // the delay task's test samples depend on the index only, so 4 x limit training samples give
        // a test set of at least `limit`
        return TrainCommand.datasets(dataset, data, steps, seed, dataset.equals("delay") ? 4 * limit : null)[1];
    }
}
