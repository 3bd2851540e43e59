package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snn4j.model.ResetMode;
import org.snn4j.train.Datasets;
import org.snn4j.train.Loss;
import org.snn4j.train.Model;
import org.snn4j.train.ModelFile;
import org.snn4j.train.ModelOptions;
import org.snn4j.train.Surrogate;

/**
 * Every way of giving snn4j a wrong input that we know of: each is a one-line message that names the
 * problem, exit code 2, no stack trace, no Java class name, and nothing written.
 */
class BadInputTest {
    @TempDir
    static Path dir;

    static Path okNet;
    static Path model;

    private static Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static final String POP = "{\"name\": \"a\", \"size\": 3}";

    private static String net(String extra) {
        return "{\"populations\": [" + POP + "]" + extra + "}";
    }

    private static String projection(String fields) {
        return net(", \"projections\": [{\"from\": \"a\", \"to\": \"a\", " + fields + "}]");
    }

    @BeforeAll
    static void files() throws IOException {
        okNet = file("ok.json", net(""));
        // a model for the delay task's inputs with a single output class (the task has two)
        Datasets.Split delay = Datasets.load("delay", null, 10, 1, 8);
        Model one = new Model(new ModelOptions(new int[] {4}, 0.9, 0, ResetMode.SUBTRACT, new int[] {0}, false, true,
                false, Surrogate.fastSigmoid(25), Loss.CE_COUNT, true).spec(delay.train().inputs(), 1), 1);
        model = dir.resolve("one-class.model");
        ModelFile.save(one, model);
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> c = new ArrayList<>();
        // network files: unknown and conflicting keys, integers out of range, YAML and JSON strictness
        c.add(Arguments.of("unknown top-level key", new String[] {"run", file("k1.json", net(", \"projectons\": []"))
                .toString()}, new String[] {"unknown field \"projectons\"", "did you mean \"projections\""}));
        c.add(Arguments.of("dt without its unit", new String[] {"run", file("k2.json", net(", \"dt\": 0.001")).toString()},
                new String[] {"unknown field \"dt\"", "\"dt_s\""}));
        c.add(Arguments.of("misspelt neuron", new String[] {"run", file("k3.json",
                "{\"populations\": [{\"name\": \"a\", \"size\": 3, \"nueron\": {}}]}").toString()},
                new String[] {"populations[0].nueron", "did you mean \"neuron\""}));
        c.add(Arguments.of("delay for delays", new String[] {"run", file("k4.json",
                projection("\"connect\": {\"all_to_all\": true}, \"weights\": 1, \"delay\": 5")).toString()},
                new String[] {"projections[0].delay", "did you mean \"delays\""}));
        c.add(Arguments.of("two connectors", new String[] {"run", file("k5.json",
                projection("\"connect\": {\"probability\": 0.5, \"fan_in\": 3}, \"weights\": 1")).toString()},
                new String[] {"projections[0].connect", "both \"probability\" and \"fan_in\""}));
        c.add(Arguments.of("two weight kinds", new String[] {"run", file("k6.json",
                projection("\"connect\": {\"all_to_all\": true}, \"weights\": {\"uniform\": [0, 1], \"normal\": [0, 1]}"))
                .toString()}, new String[] {"projections[0].weights", "both"}));
        c.add(Arguments.of("all_to_all false", new String[] {"run", file("k7.json",
                projection("\"connect\": {\"all_to_all\": false}, \"weights\": 1")).toString()},
                new String[] {"all_to_all", "false"}));
        c.add(Arguments.of("size beyond 2^64", new String[] {"run", file("k8.json",
                "{\"populations\": [{\"name\": \"a\", \"size\": 18446744073709551626}]}").toString()},
                new String[] {"populations[0].size", "18446744073709551626"}));
        c.add(Arguments.of("seed beyond 2^63", new String[] {"run", file("k9.json", net(", \"seed\": 99999999999999999999"))
                .toString()}, new String[] {"seed", "out of range"}));
        c.add(Arguments.of("delays uniform to 2^31", new String[] {"run", file("k10.json",
                projection("\"connect\": {\"all_to_all\": true}, \"weights\": 1, \"delays\": {\"uniform\": [0, 2147483647]}"))
                .toString()}, new String[] {"delay high 2147483647", "32767"}));
        c.add(Arguments.of("YAML alias", new String[] {"run", file("a1.yaml",
                "populations:\n  - name: &nm a\n    size: 3\n  - name: *nm\n    size: 2\n").toString()},
                new String[] {"alias *nm", "line 4"}));
        c.add(Arguments.of("YAML duplicate key", new String[] {"run", file("a2.yaml",
                "populations:\n  - name: a\n    size: 3\n    size: 4\n").toString()}, new String[] {"Duplicate field 'size'",
                    "line 4"}));
        c.add(Arguments.of("two YAML documents", new String[] {"run", file("a3.yaml",
                "populations:\n  - name: a\n    size: 3\n---\npopulations: []\n").toString()},
                new String[] {"second YAML document", "line 5"}));
        c.add(Arguments.of("JSON duplicate key", new String[] {"run", file("j1.json",
                "{\"populations\": [{\"name\": \"a\", \"size\": 3, \"size\": 4}]}").toString()},
                new String[] {"Duplicate field 'size'"}));
        c.add(Arguments.of("trailing JSON", new String[] {"run", file("j2.json", net("") + " {}").toString()},
                new String[] {"more after the end of the JSON document"}));
        Path utf16 = dir.resolve("u16.json");
        Files.write(utf16, net("").getBytes(java.nio.charset.StandardCharsets.UTF_16));
        c.add(Arguments.of("UTF-16 network file", new String[] {"run", utf16.toString()}, new String[] {"not UTF-8"}));
        c.add(Arguments.of("network file is a folder", new String[] {"run", dir.toString()}, new String[] {"directory"}));
        c.add(Arguments.of("no such network file", new String[] {"run", dir.resolve("nope.json").toString()},
                new String[] {"no such file"}));
        // resources: refused from an estimate before anything is allocated
        c.add(Arguments.of("2e9 neurons", new String[] {"run", file("r1.json",
                "{\"populations\": [{\"name\": \"a\", \"size\": 2000000000}]}").toString()},
                new String[] {"2000000000 neurons", "SNN4J_JAVA_OPTS=-Xmx"}));
        c.add(Arguments.of("1e9 synapses", new String[] {"run", file("r2.json",
                "{\"populations\": [{\"name\": \"a\", \"size\": 31623}], \"projections\": [{\"from\": \"a\", "
                + "\"to\": \"a\", \"connect\": {\"all_to_all\": true}, \"weights\": 1}]}").toString()},
                new String[] {"1.00e+09 synapses", "SNN4J_JAVA_OPTS=-Xmx"}));
        c.add(Arguments.of("a device as network file", new String[] {"run", "/dev/zero"},
                new String[] {"not a regular file"}));
        // runs
        c.add(Arguments.of("no step at all", new String[] {"cuba", "--dt", "10", "--duration", "0.01"},
                new String[] {"shorter than half a step"}));
        c.add(Arguments.of("a run too long to count", new String[] {"cuba", "--duration", "1e300"},
                new String[] {"at most 2147483647 steps"}));
        c.add(Arguments.of("a step too small to count", new String[] {"cuba", "--dt", "1e-300", "--duration", "1"},
                new String[] {"at most 2147483647 steps"}));
        c.add(Arguments.of("more threads than cores", new String[] {"cuba", "--threads", "10000"},
                new String[] {"--threads 10000", "cores"}));
        // outputs
        c.add(Arguments.of("json over the network file", new String[] {"run", okNet.toString(), "--json", okNet.toString()},
                new String[] {"--json", "reads"}));
        c.add(Arguments.of("json into a folder", new String[] {"run", okNet.toString(), "--json", dir.toString()},
                new String[] {"--json", "is a directory"}));
        c.add(Arguments.of("json onto a device", new String[] {"cuba", "--neurons", "100", "--duration", "0.01", "--json",
            "/dev/null"}, new String[] {"--json /dev/null", "not a regular file"}));
        // training: fail before the first epoch
        c.add(Arguments.of("save into a folder", new String[] {"train", "--dataset", "delay", "--save", dir.toString()},
                new String[] {"--save", "is a directory"}));
        c.add(Arguments.of("plot onto a file", new String[] {"train", "--dataset", "delay", "--plot", okNet.toString()},
                new String[] {"--plot", "is a file"}));
        c.add(Arguments.of("prune beyond the taps", new String[] {"train", "--dataset", "delay", "--delays", "4", "--prune",
            "99"}, new String[] {"--prune 99", "1..5"}));
        c.add(Arguments.of("negative max fan-in", new String[] {"train", "--dataset", "delay", "--max-fan-in", "-1"},
                new String[] {"--max-fan-in -1"}));
        c.add(Arguments.of("delays not a number", new String[] {"train", "--dataset", "delay", "--delays", "abc"},
                new String[] {"--delays abc"}));
        c.add(Arguments.of("negative delays", new String[] {"train", "--dataset", "delay", "--delays", "-5"},
                new String[] {"--delays -5"}));
        c.add(Arguments.of("infinite learning rate", new String[] {"train", "--dataset", "delay", "--lr", "Infinity"},
                new String[] {"--lr Infinity"}));
        c.add(Arguments.of("threads beyond the shards", new String[] {"train", "--dataset", "delay", "--threads", "64"},
                new String[] {"--threads 64", "shards"}));
        // models
        c.add(Arguments.of("a model for fewer classes", new String[] {"eval", model.toString(), "--dataset", "delay",
            "--steps", "10", "--limit", "4"}, new String[] {"1 output classes", "labels up to 1"}));
        Path appended = dir.resolve("appended.model");
        Files.write(appended, concat(Files.readAllBytes(model), new byte[] {1, 2, 3}));
        c.add(Arguments.of("bytes after a model", new String[] {"eval", appended.toString(), "--dataset", "delay"},
                new String[] {"more bytes after"}));
        Path huge = dir.resolve("huge.model");
        byte[] bytes = Files.readAllBytes(model);
        java.nio.ByteBuffer.wrap(bytes).putInt(4, 1 << 30); // the input count
        Files.write(huge, bytes);
        c.add(Arguments.of("a model header promising 2^30 inputs", new String[] {"eval", huge.toString(), "--dataset",
            "delay"}, new String[] {"promises", "more than the"}));
        // datasets
        Path idx = Files.createDirectories(dir.resolve("idx"));
        byte[] images = new byte[64 * 16];
        new java.util.SplittableRandom(3).nextBytes(images);
        TrainCommandTest.write(idx.resolve("train-images-idx3-ubyte.gz"), 0x803, new int[] {64, 4, 4}, images);
        TrainCommandTest.write(idx.resolve("train-labels-idx1-ubyte.gz"), 0x801, new int[] {64}, new byte[64]);
        TrainCommandTest.write(idx.resolve("t10k-images-idx3-ubyte.gz"), 0x803, new int[] {64, 4, 4}, images);
        Path labels = idx.resolve("t10k-labels-idx1-ubyte.gz");
        TrainCommandTest.write(labels, 0x801, new int[] {64}, new byte[64]);
        byte[] gz = Files.readAllBytes(labels);
        gz[gz.length - 6] ^= 0x10; // the CRC-32 in the gzip trailer
        Files.write(labels, gz);
        c.add(Arguments.of("gzip CRC wrong", new String[] {"train", "--data", idx.toString()},
                new String[] {"t10k-labels-idx1-ubyte.gz", "corrupt gzip data"}));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        for (String set : new String[] {"train", "t10k"}) {
            TrainCommandTest.write(empty.resolve(set + "-images-idx3-ubyte.gz"), 0x803, new int[] {0, 4, 4}, new byte[0]);
            TrainCommandTest.write(empty.resolve(set + "-labels-idx1-ubyte.gz"), 0x801, new int[] {0}, new byte[0]);
        }
        c.add(Arguments.of("no training images", new String[] {"train", "--data", empty.toString()},
                new String[] {"no samples"}));
        Path shd = Files.createDirectories(dir.resolve("shd"));
        byte[] h5 = new byte[4096];
        new java.util.SplittableRandom(5).nextBytes(h5);
        System.arraycopy(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'}, 0, h5, 0, 8);
        Files.write(shd.resolve("shd_train.h5"), h5);
        Files.write(shd.resolve("shd_test.h5"), h5);
        c.add(Arguments.of("HDF5 signature, random body", new String[] {"train", "--dataset", "shd", "--data",
            shd.toString()}, new String[] {"shd_train.h5", "not a readable HDF5 file"}));
        c.add(Arguments.of("bench train without its data", new String[] {"bench", "train", "--data", "no/such/dir"},
                new String[] {"--data no/such/dir"}));
        c.add(Arguments.of("bench train, a limit off the batch", new String[] {"bench", "train", "--data", ".",
            "--limit", "100"}, new String[] {"--limit 100", "multiple of the batch"}));
        c.add(Arguments.of("run on an unknown chip", new String[] {"run", "../docs/examples/layered.json", "--hardware",
            "spinnaker"}, new String[] {"--hardware spinnaker", "loihi or xylo"}));
        return c.stream();
    }

    @Test
    void aResumedCheckpointRefusesChangedOptions() {
        Path ckpt = dir.resolve("resume.ckpt");
        String[] first = {"train", "--dataset", "delay", "--limit", "32", "--batch", "16", "--hidden", "8", "--checkpoint",
            ckpt.toString(), "--no-progress"};
        assertEquals(0, TrainCommandTest.run(first).code());
        TrainCommandTest.Outcome o = TrainCommandTest.run("train", "--dataset", "delay", "--limit", "32", "--batch", "8",
                "--hidden", "16", "--lr", "1e-3", "--epochs", "2", "--checkpoint", ckpt.toString(), "--no-progress");
        assertEquals(2, o.code(), o.err());
        for (String w : new String[] {"hidden 16,2 (checkpoint: 8,2)", "batch 8 (checkpoint: 16)", "lr 0.001"}) {
            assertTrue(o.err().contains(w), w + " in " + o.err());
        }
        TrainCommandTest.Outcome same = TrainCommandTest.run(TrainCommandTest.concat(first, "--epochs", "2"));
        assertEquals(0, same.code(), same.err());
        assertTrue(same.out().contains("\"epoch\":2"), same.out());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isAOneLineErrorWithExitCodeTwo(String what, String[] args, String[] words) {
        TrainCommandTest.Outcome o = TrainCommandTest.run(args);
        assertEquals(2, o.code(), what + ": " + o.err() + o.out());
        String err = o.err().trim();
        assertTrue(err.startsWith("snn4j: "), err);
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertFalse(err.contains("\tat ") || err.matches("(?s).*\\b(java|javax|com\\.fasterxml)\\.\\w.*"), err);
        for (String w : words) {
            assertTrue(err.contains(w), "'" + w + "' in: " + err);
        }
    }

    @Test
    void writesFollowLinksKeepTheUmasksPermissionsAndLeaveNoTemporary() throws Exception {
        Path target = dir.resolve("real.json");
        Path link = dir.resolve("link.json");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target.getFileName());
        // a temporary left by a dead writer (pid 2^22 + 1 is above Linux's default pid_max)
        Path stale = dir.resolve(".real.json.snn4j-tmp-4194305-1");
        Files.writeString(stale, "half");
        TrainCommandTest.Outcome o = TrainCommandTest.run("run", okNet.toString(), "--duration", "0.001", "--json",
                link.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertTrue(Files.readString(target).contains("\"spikes\""), "its target holds the result");
        assertFalse(Files.exists(stale), "the dead writer's temporary is gone");
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(target);
        assertTrue(perms.contains(PosixFilePermission.OWNER_READ) && perms.contains(PosixFilePermission.GROUP_READ),
                "created with the umask's permissions (not 0600): " + perms);
        try (Stream<Path> left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().contains("snn4j-tmp")), "no temporary left");
        }
    }
}
