package org.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.model.ResetMode;

class BadInputTest {
    static void contains(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should name " + p);
        }
    }

    @Test
    void pruningKBeyondTheCandidateDelays() {
        Model m = LearningTest.delayModel(new int[] {0, 2, 4}, 1);
        contains(assertThrows(IllegalArgumentException.class, () -> m.pruneDelays(4, false)), "pruning k 4", "1..3");
        contains(assertThrows(IllegalArgumentException.class, () -> m.pruneDelays(0, true)), "pruning k 0");
    }

    @Test
    void unknownStrategyOrGroupBelowOne() {
        contains(assertThrows(IllegalArgumentException.class, () -> new Execution("lifo", 1, 0)), "schedule 'lifo'",
                "layered", "momentum");
        contains(assertThrows(IllegalArgumentException.class, () -> new Execution("random", 0, 0)), "group (F) 0", ">= 1");
        contains(assertThrows(IllegalArgumentException.class, () -> new Execution("momentum", 1, -1)),
                "cycles per step -1");
    }

    @Test
    void zeroOrNegativeBits() {
        Model m = LearningTest.delayModel(new int[] {0}, 1);
        contains(assertThrows(IllegalArgumentException.class, () -> m.quantize(0, 100)), "weight bits 0");
        contains(assertThrows(IllegalArgumentException.class, () -> m.quantize(-3, 100)), "weight bits -3");
    }

    @Test
    void labelOutOfRange() {
        Model m = LearningTest.delayModel(new int[] {0}, 1);
        Bptt f = new Bptt(m, 5);
        f.forward(Fixtures.raster(2, 5, 0.5, 1));
        contains(assertThrows(IllegalArgumentException.class, () -> f.lossAndOutputGradient(2, 1)), "label 2",
                "0..1");
    }

    @Test
    void layerSpecErrorsNameTheField() {
        contains(assertThrows(IllegalArgumentException.class, () -> new LayerSpec("h", 4,
                Fixtures.lif(0.9, 0, ResetMode.SUBTRACT), new int[] {0, 3, 3}, false, true, true, false)), "taps",
                "[0, 3, 3]");
        contains(assertThrows(IllegalArgumentException.class, () -> new LayerSpec("h", 0,
                Fixtures.lif(0.9, 0, ResetMode.SUBTRACT), new int[] {0}, false, true, true, false)), "size 0");
        LayerSpec spiking = LayerSpec.dense("out", 2, Fixtures.lif(0.9, 0, ResetMode.SUBTRACT));
        contains(assertThrows(IllegalArgumentException.class, () -> new ModelSpec(2, Fixtures.DT, List.of(spiking),
                Surrogate.fastSigmoid(25), Loss.CE_MAX_MEMBRANE, true)), "ce-max-membrane", "non-spiking readout");
        contains(assertThrows(IllegalArgumentException.class, () -> Surrogate.parse("relu")), "surrogate 'relu'");
    }

    @Test
    void modelFilesOfTheWrongKindOrTruncated(@TempDir Path dir) throws IOException {
        Model m = LearningTest.delayModel(new int[] {0, 1}, 1);
        Path file = dir.resolve("m.snn4j");
        ModelFile.save(m, file);
        byte[] all = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.snn4j");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        contains(assertThrows(IOException.class, () -> ModelFile.load(cut)), cut.toString(), "truncated");
        contains(assertThrows(IOException.class, () -> ModelFile.loadCheckpoint(file, 1, 10)), file.toString(),
                "not an snn4j training checkpoint");
        Path text = dir.resolve("x.txt");
        Files.writeString(text, "hello world, not a model");
        contains(assertThrows(IOException.class, () -> ModelFile.load(text)), text.toString(), "not an snn4j model");
    }
}
