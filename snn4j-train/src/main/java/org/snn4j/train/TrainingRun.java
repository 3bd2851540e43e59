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
            double testAccuracy, double testSpikeDensity, double testSynOpsPerSample, double samplesPerSecond,
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

    /** Trains as planned; returns the trained model. */
    public static Model run(TrainingPlan plan, Datasets.Split data, Listener listener) throws IOException {
        Samples train = data.train();
        Samples test = data.test();
        Trainer trainer;
        if (plan.checkpoint() != null && Files.exists(plan.checkpoint())) {
            trainer = ModelFile.loadCheckpoint(plan.checkpoint(), plan.threads(), plan.steps(), plan.execution());
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
                        ev.accuracy(), ev.spikeDensity(), (double) ev.synOps() / ev.samples(),
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
