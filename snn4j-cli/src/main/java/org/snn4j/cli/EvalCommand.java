package org.snn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.snn4j.engine.EnergyProfile;
import org.snn4j.engine.EngineOptions;
import org.snn4j.train.Datasets;
import org.snn4j.train.EngineEvaluation;
import org.snn4j.train.Model;
import org.snn4j.train.ModelFile;
import org.snn4j.train.Samples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code snn4j eval MODEL}: a trained model on the test set, run by an engine, with its cost. */
@Command(name = "eval", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Evaluate a trained model on a test set in the clock or the event-driven engine.",
            "Prints accuracy, spike density, SynOps, neuron updates, latency and energy per sample (one JSON object)."})
final class EvalCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "a model file written by snn4j train --save, or a "
            + "NIR graph (.nir: its one graph input takes the samples, the population before its Output decides)")
    Path modelFile;

    @Option(names = "--hardware", paramLabel = "CHIP", completionCandidates = EngineChoice.Hardware.class,
            description = "also evaluate in a chip's integers: ${COMPLETION-CANDIDATES}; the JSON gains its accuracy, "
                    + "cost and the fraction of samples it classifies as the float run does (clock engine)")
    String hardware;

    @Option(names = "--dt", paramLabel = "SECONDS", description = "NIR models: the time step (default: the dt_s snn4j "
            + "wrote into the file, else 1e-4 s)")
    Double dt;

    @picocli.CommandLine.Mixin
    NirOptions nirOptions;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", completionCandidates = TrainCommand.DatasetNames.class,
            description = "${COMPLETION-CANDIDATES}")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR", description = "the dataset's folder (as for train)")
    Path data;

    @Option(names = "--steps", defaultValue = "25", description = "time steps per sample, as in training")
    int steps;

    @Option(names = "--seed", defaultValue = "0", description = "the seed given to train (fixes the test encoding)")
    long seed;

    @Option(names = "--engine", defaultValue = "clock", completionCandidates = EngineChoice.Engines.class,
            description = "${COMPLETION-CANDIDATES} (alias async)")
    String engine;

    @Option(names = "--schedule", defaultValue = "synchronous", completionCandidates = EngineChoice.Schedules.class,
            description = "event engine: ${COMPLETION-CANDIDATES}")
    String schedule;

    @Option(names = "--group", defaultValue = "1", description = "spikes emitted per processing cycle (async)")
    int group;

    @Option(names = "--early", description = "decide at the first output spike plus this many cycles")
    Integer early;

    @Option(names = "--energy", defaultValue = "loihi",
            description = "energy profile: " + EnergyProfile.SYNTAX + "")
    String energy;

    @Option(names = "--limit", paramLabel = "N", description = "evaluate the first N test samples (default: all)")
    Integer limit;

    @Option(names = "--no-progress", description = "never show the progress bar")
    boolean noProgress;

    private EngineEvaluation.Result evaluate(Model model, org.snn4j.io.NetworkFile net, Samples test, int n,
            EngineOptions options, EnergyProfile profile, java.util.function.LongConsumer progress) {
        return model != null ? EngineEvaluation.run(model, test, n, options, early, profile, seed, steps, progress)
                : EngineEvaluation.run(net.network(), net.network().sources().get(0).name(), net.output(),
                        net.dtSeconds(), test, n, options, early, profile, seed, steps, progress);
    }

    /** The test set, checked to give the model's number of inputs. */
    private Samples testSet(int inputs) throws IOException {
        Samples test = limit != null ? Datasets.testSet(dataset, data, steps, seed, limit)
                : Datasets.load(dataset, data, steps, seed, null).test();
        if (test.inputs() != inputs) {
            throw new IllegalArgumentException("model " + modelFile + " expects " + inputs + " inputs, --dataset "
                    + dataset + " gives " + test.inputs());
        }
        return test;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        EngineOptions choice = EngineChoice.parse(engine, schedule, group, 1);
        if (early != null) {
            Options.atLeast("--early", early, 0);
        }
        EnergyProfile profile = CubaCommand.energyProfile(energy);
        Options.choice("--dataset", Datasets.BY_NAME, dataset);
        if (limit != null) {
            Options.atLeast("--limit", limit, 1);
        }
        // a NIR graph runs as it is; a trained model as its exported network
        org.snn4j.io.NetworkFile net = null;
        Model model = null;
        int inputs;
        if (ConvertCommand.isNir(modelFile)) {
            net = nirOptions.read(modelFile, dt, null, null, null, spec.commandLine().getErr());
            if (net.network().sources().size() != 1 || net.output() == null) {
                throw new IllegalArgumentException("NIR file " + modelFile + ": a classifier needs one graph input and "
                        + "one population feeding its Output; it has inputs " + net.network().sources().stream()
                        .map(s -> s.name()).toList() + " and output " + net.output());
            }
            inputs = net.network().sources().get(0).size();
        } else {
            nirOptions.onlyForNir(modelFile);
            if (dt != null) {
                throw new IllegalArgumentException("--dt: for NIR models; a trained model has its own time step");
            }
            model = ModelFile.load(modelFile);
            inputs = model.spec().inputs();
        }
        Samples test = testSet(inputs);
        int n = limit != null ? Math.min(limit, test.count()) : test.count();
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "eval", !noProgress);
        java.util.function.LongConsumer progress = done -> bar.progress(done, n);
        EngineOptions chip = EngineChoice.withHardware(choice, hardware);
        EngineEvaluation.Result r = evaluate(model, net, test, n, choice, profile, progress);
        EngineEvaluation.Result h = chip == choice ? null : evaluate(model, net, test, n, chip, profile, progress);
        Json row = new Json().put("model", modelFile.toString()).put("engine", EngineOptions.KINDS.nameOf(choice.kind()))
                .put("schedule", schedule).put("group", group).put("samples", n)
                .put("accuracy", r.accuracy())
                .put("spike_density", r.spikeDensity())
                .put("spikes_per_sample", r.spikesPerSample()).put("synops_per_sample", r.synOpsPerSample())
                .put("neuron_updates_per_sample", r.updatesPerSample())
                .put("latency_steps", r.latencySteps())
                .put("latency_cycles", r.latencyCycles())
                .put("energy_profile", profile.name()).put("energy_j_per_sample", r.energyPerSample())
                .put("t_s", r.seconds());
        if (h != null) {
            row.put("hardware", hardware).put("hardware_accuracy", h.accuracy())
                    .put("hardware_spikes_per_sample", h.spikesPerSample())
                    .put("hardware_synops_per_sample", h.synOpsPerSample())
                    .put("same_decisions", r.sameDecisions(h)).put("hardware_t_s", h.seconds());
        }
        out.println(row);
        return 0;
    }
}
