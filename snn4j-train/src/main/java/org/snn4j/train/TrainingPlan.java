package org.snn4j.train;

import java.nio.file.Path;

/**
 * Everything a training run does, as one value: the model, the optimizer's configuration, how a
 * step runs (layered or unlayered), the epochs, quantization, delay pruning and fan-in limits, and
 * where the checkpoint and the model go. {@link TrainingRun#run} carries it out.
 *
 * @param epochs          epochs before pruning, in all (a resumed checkpoint's included)
 * @param bits            quantize the weights to this many bits (null: float)
 * @param prune           after {@code epochs}, keep this many delays per synapse (or per axon) and train
 *                        {@code pruneEpochs} more (null: no pruning)
 * @param maxFanIn        after the first epoch, keep at most this many input synapses per neuron (null: all)
 * @param checkpoint      resume from it if it exists, save it after every epoch (null: none)
 * @param save            the trained model's file (null: not saved)
 */
public record TrainingPlan(ModelOptions model, int steps, int epochs, int batch, double lr, double weightDecay,
        boolean cosine, long seed, int threads, Execution execution, Integer bits, double quantPercentile,
        Integer prune, boolean pruneAxonal, int pruneEpochs, Integer maxFanIn, Path checkpoint, Path save) {
    public TrainingPlan {
        if (steps < 1) {
            throw new IllegalArgumentException("steps " + steps + ": must be >= 1");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs " + epochs + ": must be >= 1");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + ": must be >= 1");
        }
        if (prune != null && pruneEpochs < 0) {
            throw new IllegalArgumentException("prune-epochs " + pruneEpochs + ": must be >= 0");
        }
        // checked before the first epoch, not when the run gets there
        if (prune != null && (prune < 1 || prune > model.taps().length)) {
            throw new IllegalArgumentException("prune " + prune + ": must be in 1.." + model.taps().length
                    + ", the candidate delays per synapse");
        }
        if (maxFanIn != null && maxFanIn < 1) {
            throw new IllegalArgumentException("max-fan-in " + maxFanIn + ": must be >= 1");
        }
        // bits and the quantization percentile are checked by the model, when it is made (before any epoch)
    }

    /** The epochs in all, the pruned ones included. */
    public int totalEpochs() {
        return epochs + (prune != null ? pruneEpochs : 0);
    }

    /** The optimizer's configuration (its epochs are all of them, for the cosine schedule). */
    public Trainer.Config config() {
        return new Trainer.Config(totalEpochs(), batch, lr, weightDecay, cosine, seed, threads);
    }
}
