package org.snn4j.train;

import java.util.function.LongConsumer;
import org.snn4j.data.SpikeRaster;
import org.snn4j.engine.Decision;
import org.snn4j.engine.EnergyProfile;
import org.snn4j.engine.Engine;
import org.snn4j.engine.EngineOptions;
import org.snn4j.engine.Monitor;
import org.snn4j.engine.RunResult;
import org.snn4j.model.Network;
import org.snn4j.model.SpikeSource;

/**
 * A trained model run by an engine over the first n samples of a test set, with the cost of every
 * inference: what {@code snn4j eval} prints and {@code snn4j async-study} tabulates. Each sample is
 * exported ({@link Export}) and run in a fresh engine of the given options; the decision is the
 * engine's ({@link Decision}: most output spikes, ties to the first to spike; none counts as class 0).
 */
public final class EngineEvaluation {
    /** Means per sample over the samples run, and each sample's predicted class. */
    public record Result(int samples, double accuracy, double spikeDensity, double spikesPerSample,
            double synOpsPerSample, double updatesPerSample, double latencySteps, double latencyCycles,
            double energyPerSample, double seconds, int[] predictions) {
        /** The fraction of samples both evaluations put in the same class. */
        public double sameDecisions(Result other) {
            int same = 0;
            for (int i = 0; i < Math.min(predictions.length, other.predictions.length); i++) {
                same += predictions[i] == other.predictions[i] ? 1 : 0;
            }
            return (double) same / Math.max(1, Math.min(predictions.length, other.predictions.length));
        }
    }

    private EngineEvaluation() {
    }

    /**
     * @param early stop this many cycles after the first output spike (null: run every step)
     * @param seed  the asynchronous schedule of sample i is seeded with seed + i
     */
    public static Result run(Model model, Samples test, int n, EngineOptions engine, Integer early,
            EnergyProfile profile, long seed, int steps, LongConsumer progress) {
        String output = model.spec().output().name();
        if (!model.spec().output().spiking()) {
            throw new IllegalArgumentException("model with a non-spiking readout (loss " + model.spec().loss().label
                    + "): the engines decide by the output layer's spikes; train it with --loss ce-count or mse-count");
        }
        Network exported = Export.toNetwork(model, new SpikeRaster(model.spec().inputs(), steps));
        return run(exported, "input", output, model.spec().dtSeconds(), test, n, engine, early, profile, seed, steps,
                progress);
    }

    /**
     * Evaluates any network whose spike source {@code input} takes a sample's spikes and whose
     * population {@code output} decides (one neuron per class), such as a NIR model's.
     */
    public static Result run(Network network, String input, String output, double dtSeconds, Samples test, int n,
            EngineOptions engine, Integer early, EnergyProfile profile, long seed, int steps, LongConsumer progress) {
        int inputs = network.sources().stream().filter(s -> s.name().equals(input)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the network has no spike source '" + input + "'")).size();
        if (test.inputs() != inputs) {
            throw new IllegalArgumentException("the model expects " + inputs + " inputs, the test set has "
                    + test.inputs());
        }
        if (network.populationIndex(output) < 0) {
            throw new IllegalArgumentException("the network has no population '" + output + "' to decide");
        }
        int classes = network.population(output).size();
        if (test.classes() > classes) {
            throw new IllegalArgumentException("the model has " + classes + " output classes, the test set has labels up"
                    + " to " + (test.classes() - 1) + ": a model for another dataset?");
        }
        if (n < 1 || n > test.count()) {
            throw new IllegalArgumentException("samples " + n + ": must be in [1, " + test.count() + "]");
        }
        SpikeRaster raster = new SpikeRaster(test.inputs(), steps);
        int[] predictions = new int[n];
        long correct = 0;
        long spikes = 0;
        long synOps = 0;
        long updates = 0;
        long cycles = 0;
        long latencySteps = 0;
        double joules = 0;
        int neurons = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            test.encode(i, 0, raster);
            Network net = network.withSource(SpikeSource.trains(input, raster.toSpikeSteps()));
            neurons = net.neuronCount();
            Engine e = engine.create(net, dtSeconds).record(Monitor.spikes(output));
            if (engine.scheduler() != null) {
                e.seed(seed + i);
            }
            e.earlyDecision(output, early != null ? early : Integer.MAX_VALUE / 2);
            RunResult r = e.runSteps(steps);
            Decision d = e.decision();
            int predicted = d.neuron() < 0 ? 0 : d.neuron();
            predictions[i] = predicted;
            cycles += d.cycles();
            latencySteps += d.steps();
            correct += predicted == test.label(i) ? 1 : 0;
            spikes += r.cost().spikes();
            synOps += r.cost().synOps();
            updates += r.cost().neuronUpdates();
            joules += profile.joules(r.cost());
            progress.accept(i + 1);
        }
        return new Result(n, (double) correct / n, (double) spikes / ((double) neurons * steps * n), (double) spikes / n,
                (double) synOps / n, (double) updates / n, (double) latencySteps / n, (double) cycles / n, joules / n,
                (System.nanoTime() - t0) * 1e-9, predictions);
    }
}
