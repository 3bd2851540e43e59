package org.snn4j.train;

import java.io.IOException;
import java.nio.file.Files;

/**
 * Carries out a {@link TrainingPlan} on a dataset: resumes from the checkpoint if there is one (bit
 * for bit), trains epoch after epoch with the plan's pruning and fan-in limit, evaluates on the test
 * set after each epoch, saves the checkpoint after each and the model at the end. What happens is
 * told to a {@link Listener}; {@code snn4j train} and {@code snn4j async-study} print it.
 */
public final class TrainingRun {
    /** One epoch's figures: the row {@code snn4j train} prints. */
    public record Epoch(int epoch, String execution, double seconds, double trainLoss, double trainAccuracy,
            double testLoss, double testAccuracy, double testSpikeDensity, double testSynOpsPerSample, double samplesPerSecond,
            int threads, long modelBits, long synapses) {
    }

    /** Told what a run does; every method has a default that does nothing. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** The run continues a checkpoint that had done this many epochs. */
        default void resumed(int epochsDone) {
        }

        /** The delays were pruned to k per synapse (or per axon). */
        default void pruned(int k, boolean axonal) {
        }

        /** Epoch {@code epoch} (from 1) starts; the returned progress is told after every batch. */
        default Trainer.Progress epochStarting(int epoch) {
            return Trainer.Progress.NONE;
        }

        default void epochDone(Epoch epoch) {
        }
    }

    private TrainingRun() {
    }

    /**
     * What the plan changes against a checkpoint's training, option by option ("lr 0.001 (checkpoint:
     * 0.0005)"); empty when nothing does. The epochs may grow (a resumed run trains on), the threads
     * and the execution are not part of the state.
     */
    static String changes(TrainingPlan plan, Trainer trainer, Samples train) {
        java.util.List<String> out = new java.util.ArrayList<>();
        ModelSpec want = plan.model().spec(train.inputs(), train.classes());
        ModelSpec have = trainer.model().spec();
        differs(out, "inputs", want.inputs(), have.inputs());
        differs(out, "hidden", sizes(want), sizes(have));
        differs(out, "delays", java.util.Arrays.toString(want.layers().get(0).taps()),
                java.util.Arrays.toString(have.layers().get(0).taps()));
        differs(out, "beta / tau-syn-steps / reset", neuron(want), neuron(have));
        differs(out, "recurrent", want.layers().get(0).recurrent(), have.layers().get(0).recurrent());
        differs(out, "bias", want.layers().get(0).bias(), have.layers().get(0).bias());
        differs(out, "train-tau", want.layers().get(0).trainTau(), have.layers().get(0).trainTau());
        differs(out, "surrogate", want.surrogate(), have.surrogate());
        differs(out, "loss", want.loss().label, have.loss().label);
        differs(out, "detach-reset", want.detachReset(), have.detachReset());
        Trainer.Config c = trainer.config();
        differs(out, "batch", plan.batch(), c.batch());
        differs(out, "lr", plan.lr(), c.lr());
        differs(out, "weight-decay", plan.weightDecay(), c.weightDecay());
        differs(out, "cosine", plan.cosine(), c.cosine());
        differs(out, "seed", plan.seed(), c.seed());
        differs(out, "bits", plan.bits() == null ? 0 : plan.bits(), trainer.model().weightBits());
        if (plan.bits() != null) {
            differs(out, "quant-percentile", plan.quantPercentile(), trainer.model().quantPercentile());
        }
        return String.join(", ", out);
    }

    /** The neuron as the options set it: decay per step, synaptic filter in steps, reset. */
    private static String neuron(ModelSpec s) {
        org.snn4j.model.CubaLif n = s.layers().get(0).neuron();
        double dt = s.dtSeconds();
        return "beta " + (float) Math.exp(-dt / n.tauMemSeconds()) + ", tau-syn-steps " + (float) (n.tauSynSeconds(0) / dt)
                + ", reset " + n.resetMode().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String sizes(ModelSpec s) {
        return s.layers().stream().map(l -> String.valueOf(l.size())).collect(java.util.stream.Collectors.joining(","));
    }

    private static void differs(java.util.List<String> out, String option, Object want, Object have) {
        if (!java.util.Objects.equals(want, have)) {
            out.add(option + " " + want + " (checkpoint: " + have + ")");
        }
    }

    /** Trains as planned; returns the trained model. */
    public static Model run(TrainingPlan plan, Datasets.Split data, Listener listener) throws IOException {
        Samples train = data.train();
        Samples test = data.test();
        if (train.count() == 0 || test.count() == 0) {
            throw new IllegalArgumentException("dataset: the " + (train.count() == 0 ? "training" : "test")
                    + " set has no samples");
        }
        if (test.inputs() != train.inputs() || test.classes() > train.classes()) {
            throw new IllegalArgumentException("dataset: the test set (" + test.inputs() + " inputs, " + test.classes()
                    + " classes) does not fit the training set (" + train.inputs() + " inputs, " + train.classes()
                    + " classes)");
        }
        Trainer trainer;
        if (plan.checkpoint() != null && Files.exists(plan.checkpoint())) {
            trainer = ModelFile.loadCheckpoint(plan.checkpoint(), plan.threads(), plan.steps(), plan.execution());
            String changed = changes(plan, trainer, train);
            if (!changed.isEmpty()) {
                trainer.close();
                throw new IllegalArgumentException("checkpoint " + plan.checkpoint() + " was trained with other options: "
                        + changed + "; resume with the checkpoint's options, or start a new checkpoint");
            }
            listener.resumed(trainer.epochsDone());
        } else {
            Model model = new Model(plan.model().spec(train.inputs(), train.classes()), plan.seed());
            if (plan.bits() != null) {
                model.quantize(plan.bits(), plan.quantPercentile());
            }
            trainer = new Trainer(model, plan.config(), plan.steps(), plan.execution());
        }
        try (trainer) {
            // the epochs count a resumed checkpoint's too (the cosine schedule keeps the checkpoint's length)
            int total = plan.totalEpochs();
            while (trainer.epochsDone() < total) {
                int e = trainer.epochsDone();
                if (plan.prune() != null && e == total - plan.pruneEpochs()) {
                    trainer.model().pruneDelays(plan.prune(), plan.pruneAxonal());
                    listener.pruned(plan.prune(), plan.pruneAxonal());
                }
                if (plan.maxFanIn() != null && e == 1) {
                    trainer.model().limitFanIn(plan.maxFanIn());
                }
                Trainer.EpochResult r = trainer.trainEpoch(train, listener.epochStarting(e + 1));
                Trainer.Evaluation ev = trainer.evaluate(test, Trainer.Progress.NONE);
                listener.epochDone(new Epoch(r.epoch(), plan.execution().label(), r.seconds(), r.loss(), r.accuracy(),
                        ev.loss(), ev.accuracy(), ev.spikeDensity(), (double) ev.synOps() / ev.samples(),
                        train.count() / r.seconds(), plan.threads(), trainer.model().sizeBits(),
                        trainer.model().synapseCount()));
                if (plan.checkpoint() != null) {
                    ModelFile.saveCheckpoint(trainer, plan.checkpoint());
                }
            }
            if (plan.save() != null) {
                ModelFile.save(trainer.model(), plan.save());
            }
            return trainer.model();
        }
    }
}
