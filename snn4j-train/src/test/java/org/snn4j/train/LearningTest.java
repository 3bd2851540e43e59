package org.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.model.ResetMode;

class LearningTest {
    static final int STEPS = 30;
    static final int GAP = 12;

    /** The delay task's network: 2 inputs, 16 hidden and 2 output LIF with beta 0.5 (V forgets an input within a few steps: 0.5^12 = 2e-4). */
    static Model delayModel(int[] taps, long seed) {
        // no bias: a bias-driven neuron fires like a clock, and its phase would tell the inputs' absolute times
        LayerSpec hidden = new LayerSpec("hidden", 16, Fixtures.lif(0.5, 0, ResetMode.SUBTRACT), taps, false, false, true,
                false);
        LayerSpec out = LayerSpec.dense("out", 2, Fixtures.lif(0.5, 0, ResetMode.SUBTRACT)).withBias(false);
        return new Model(new ModelSpec(2, Fixtures.DT, List.of(hidden, out), Surrogate.fastSigmoid(5), Loss.CE_COUNT,
                true), seed);
    }

    static double trainDelayTask(Model model, int epochs) {
        DelayTask train = new DelayTask(1000, STEPS, GAP, 1);
        DelayTask test = new DelayTask(400, STEPS, GAP, 2);
        try (Trainer t = new Trainer(model, new Trainer.Config(epochs, 16, 1e-2, 0, false, 3, 2), STEPS)) {
            for (int e = 0; e < epochs; e++) {
                t.trainEpoch(train, Trainer.Progress.NONE);
            }
            return t.evaluate(test, Trainer.Progress.NONE).accuracy();
        }
    }

    static int[] taps(int max, int stride) {
        int[] t = new int[max / stride + 1];
        for (int k = 0; k < t.length; k++) {
            t[k] = k * stride;
        }
        return t;
    }

    @Test
    void theDelayTaskIsLearnedWithDelaysAndNotWithout() {
        double with = trainDelayTask(delayModel(taps(16, 2), 5), 8);
        double without = trainDelayTask(delayModel(new int[] {0}, 5), 8);
        System.out.println("delay task: accuracy with learned delays " + with + ", without " + without);
        assertTrue(with > 0.95, "with delays: " + with);
        assertTrue(without < 0.6, "without delays: " + without);
    }

    @Test
    void prunedToOneDelayPerSynapseTheModelStillSolvesTheTask() {
        Model m = delayModel(taps(16, 2), 5);
        trainDelayTask(m, 8);
        m.pruneDelays(1, false);
        assertEquals(2 * 16 + 16 * 2, m.synapseCount(), "one delay per hidden synapse, the output layer unchanged");
        double after = trainDelayTask(m, 2);
        System.out.println("delay task after pruning to 1 delay: " + after);
        assertTrue(after > 0.95, "after pruning: " + after);
    }

    @Test
    void checkpointAndResumeEqualsTrainingStraightThroughBitwise(@TempDir Path dir) throws IOException {
        DelayTask data = new DelayTask(300, STEPS, GAP, 1);
        Trainer.Config config = new Trainer.Config(2, 16, 1e-2, 1e-3, true, 3, 2);
        Model straight = delayModel(taps(16, 2), 9);
        try (Trainer t = new Trainer(straight, config, STEPS)) {
            t.trainEpoch(data, Trainer.Progress.NONE);
            t.trainEpoch(data, Trainer.Progress.NONE);
        }
        Path ckpt = dir.resolve("run.ckpt");
        try (Trainer t = new Trainer(delayModel(taps(16, 2), 9), config, STEPS)) {
            t.trainEpoch(data, Trainer.Progress.NONE);
            ModelFile.saveCheckpoint(t, ckpt);
        }
        Model resumed;
        // resumed on one thread: results do not depend on the thread count either
        try (Trainer t = ModelFile.loadCheckpoint(ckpt, 1, STEPS)) {
            assertEquals(1, t.epochsDone());
            t.trainEpoch(data, Trainer.Progress.NONE);
            resumed = t.model();
        }
        List<float[]> a = straight.tensors();
        List<float[]> b = resumed.tensors();
        for (int p = 0; p < a.size(); p++) {
            assertArrayEquals(a.get(p), b.get(p), "tensor " + p);
        }
        Path file = dir.resolve("m.snn4j");
        ModelFile.save(resumed, file);
        Model loaded = ModelFile.load(file);
        for (int p = 0; p < a.size(); p++) {
            assertArrayEquals(a.get(p), loaded.tensors().get(p), "tensor " + p + " after save and load");
        }
    }
}
