package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    /** A tiny MNIST-layout set: 64 images of 4x4, class 0 bright on the left half, class 1 on the right. */
    void writeSet(String prefix, int count, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] px = new byte[count * 16];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 2);
            for (int p = 0; p < 16; p++) {
                boolean left = (p % 4) < 2;
                px[i * 16 + p] = (byte) ((left == (labels[i] == 0)) ? 200 + r.nextInt(56) : r.nextInt(30));
            }
        }
        write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), 0x803, new int[] {count, 4, 4}, px);
        write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), 0x801, new int[] {count}, labels);
    }

    /**
     * A tiny model trained for two epochs on the 4x4 set written into {@code folder} (mnist layout), with
     * the extra train options given; its path.
     */
    static Path tinyModel(Path folder, String... extra) throws IOException {
        TrainCommandTest t = new TrainCommandTest();
        t.dir = folder;
        t.writeSet("train", 64, 1);
        t.writeSet("t10k", 32, 2);
        Path model = folder.resolve("m.snn4j");
        String[] args = {"train", "--dataset", "mnist", "--data", folder.toString(), "--hidden", "8", "--steps", "10",
            "--batch", "8", "--lr", "1e-2", "--epochs", "2", "--loss", "ce-count", "--save", model.toString(),
            "--no-progress"};
        Outcome trained = run(concat(args, extra));
        org.junit.jupiter.api.Assertions.assertEquals(0, trained.code(), trained.err());
        return model;
    }

    static void write(Path file, int magic, int[] dims, byte[] data) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
    }

    @Test
    void trainsPrintsJsonPerEpochResumesFromACheckpointAndEvaluatesInBothEngines() throws IOException {
        writeSet("train", 64, 1);
        writeSet("t10k", 32, 2);
        Path ckpt = dir.resolve("run.ckpt");
        Path model = dir.resolve("m.snn4j");
        String[] common = {"train", "--dataset", "mnist", "--data", dir.toString(), "--hidden", "8", "--steps", "10",
            "--batch", "8", "--lr", "1e-2", "--checkpoint", ckpt.toString(), "--no-progress", "--threads", "2"};
        Outcome first = run(concat(common, "--epochs", "1"));
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("\"epoch\":1") && first.out().contains("\"t_epoch_s\"")
                && first.out().contains("\"train_loss\"") && first.out().contains("\"test_acc\""), first.out());
        Outcome second = run(concat(common, "--epochs", "3", "--save", model.toString(), "--plot", dir.toString()));
        assertEquals(0, second.code(), second.err());
        assertTrue(second.err().contains("resumed from") && second.out().contains("\"epoch\":3")
                && !second.out().contains("\"epoch\":1"), second.out() + second.err());
        assertTrue(Files.size(dir.resolve("accuracy.png")) > 1000);
        double trainerAcc = Json.parseFlat(second.out().lines().reduce((a, b) -> b).orElseThrow()).number("test_acc");
        assertTrue(trainerAcc > 0.9, "the halves are easy to tell apart: " + trainerAcc);
        for (String engine : new String[] {"clock", "async"}) {
            Outcome ev = run("eval", model.toString(), "--dataset", "mnist", "--data", dir.toString(), "--steps", "10",
                    "--engine", engine, "--no-progress");
            assertEquals(0, ev.code(), ev.err());
            double acc = Json.parseFlat(ev.out().trim()).number("accuracy");
            assertTrue(acc > 0.9, engine + ": " + ev.out());
        }
    }

    @Test
    void trainsOnShdLayoutFiles() throws IOException {
        Path fixture = Path.of("../snn4j-data/src/test/resources/shd/shd_fixture.h5");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(fixture),
                "SHD fixture not found from " + Path.of("").toAbsolutePath());
        Outcome missing = run("train", "--dataset", "shd", "--data", dir.toString(), "--no-progress");
        assertTrue(missing.code() != 0 && missing.err().contains("shd_train.h5: not found"), missing.err());
        Files.copy(fixture, dir.resolve("shd_train.h5"));
        Files.copy(fixture, dir.resolve("shd_test.h5"));
        Outcome ok = run("train", "--dataset", "shd", "--data", dir.toString(), "--steps", "20", "--hidden", "8",
                "--batch", "2", "--no-progress");
        assertEquals(0, ok.code(), ok.err());
        Json line = Json.parseFlat(ok.out().trim());
        assertEquals(1, line.number("epoch"));
        assertTrue(line.number("test_acc") >= 0 && line.number("test_acc") <= 1, ok.out());
    }

    @Test
    void badOptionsExitWith2AndNameTheOption() {
        Outcome unknown = run("train", "--dataset", "cifar");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("--dataset cifar"), unknown.err());
        Outcome noData = run("train", "--dataset", "fashion-mnist");
        assertEquals(2, noData.code());
        assertTrue(noData.err().contains("--data"), noData.err());
        Outcome bits = run("train", "--dataset", "delay", "--bits", "0", "--limit", "8", "--steps", "6");
        assertEquals(2, bits.code());
        assertTrue(bits.err().contains("weight bits 0"), bits.err());
        Outcome delays = run("train", "--dataset", "delay", "--delays", "80", "--limit", "8", "--steps", "6");
        assertEquals(2, delays.code());
        assertTrue(delays.err().contains("--max-delay 62"), delays.err());
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
