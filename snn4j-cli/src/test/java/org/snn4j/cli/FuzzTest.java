package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.model.ResetMode;
import org.snn4j.train.Datasets;
import org.snn4j.train.Loss;
import org.snn4j.train.Model;
import org.snn4j.train.ModelFile;
import org.snn4j.train.ModelOptions;
import org.snn4j.train.Surrogate;
import org.snn4j.train.Trainer;

/**
 * Seeded fuzzing of what users hand snn4j: the example network file (JSON and YAML) with keys
 * deleted, renamed, duplicated, retyped and numbers made huge, negative, fractional or out of range;
 * a small model file and checkpoint truncated at every offset and with bits flipped. The outcome is
 * always the original result, a result of the changed file where the change is a legal one (an
 * optional key left out, another number), or a one-line error with exit code 2: never a stack trace,
 * a hang, or a corrupt file loaded. Seeds are fixed, so a failure reproduces.
 */
class FuzzTest {
    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    /** A failure must be one line starting with "snn4j: ", exit 2, with no trace and no class name. */
    private static void assertCleanError(TrainCommandTest.Outcome o, String what) {
        assertEquals(2, o.code(), what + ": exit " + o.code() + " " + o.err());
        String err = o.err().trim();
        assertTrue(err.startsWith("snn4j: ") && err.lines().count() == 1, what + ": " + err);
        assertFalse(err.contains("\tat ") || err.matches("(?s).*\\b(java|javax|com\\.fasterxml)\\.\\w.*"), what + ": " + err);
    }

    private static String strip(String json) {
        return json.replaceAll("\"(t_[a-z_]*|file)\":[^,}]*,?", "");
    }

    /** All object fields of the tree, as (parent, name). */
    private static void fields(JsonNode n, List<Object[]> out) {
        if (n.isObject()) {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                out.add(new Object[] {n, f});
                fields(n.get(f), out);
            }
        } else if (n.isArray()) {
            for (JsonNode c : n) {
                fields(c, out);
            }
        }
    }

    private enum Mutation { DELETE, RENAME, DUPLICATE, RETYPE, NUMBER }

    private static final JsonNode[] NUMBERS = {JsonNodeFactory.instance.numberNode(1e300),
        JsonNodeFactory.instance.numberNode(new BigInteger("9223372036854775818")),
        JsonNodeFactory.instance.numberNode(-7), JsonNodeFactory.instance.numberNode(2.5),
        JsonNodeFactory.instance.numberNode(0), JsonNodeFactory.instance.numberNode(1_000_000_000),
        JsonNodeFactory.instance.numberNode(-1e-300)};

    @Test
    void networkFilesMutatedAreEitherRunOrRefusedCleanly() throws Exception {
        JsonNode original = JSON.readTree(Path.of("../docs/examples/layered.json").toFile());
        Path base = dir.resolve("base.json");
        Files.writeString(base, JSON.writeValueAsString(original));
        TrainCommandTest.Outcome expected = TrainCommandTest.run("run", base.toString(), "--duration", "0.005");
        assertEquals(0, expected.code(), expected.err());
        SplittableRandom rng = new SplittableRandom(20261201);
        int refused = 0;
        int ran = 0;
        for (int trial = 0; trial < 240; trial++) {
            boolean yaml = trial % 3 == 2;
            ObjectNode tree = (ObjectNode) original.deepCopy();
            List<Object[]> all = new ArrayList<>();
            fields(tree, all);
            Object[] pick = all.get(rng.nextInt(all.size()));
            ObjectNode parent = (ObjectNode) pick[0];
            String name = (String) pick[1];
            Mutation m = Mutation.values()[rng.nextInt(Mutation.values().length)];
            String text;
            switch (m) {
                case DELETE -> parent.remove(name);
                case RENAME -> parent.set(name.length() > 2 ? name.substring(0, name.length() - 1) + "x" : name + "_x",
                        parent.remove(name));
                // a string where a number, object, array or boolean belongs, or a number where a string does
                case RETYPE -> parent.set(name, parent.get(name).isTextual() ? JsonNodeFactory.instance.numberNode(3)
                        : JsonNodeFactory.instance.textNode("abc"));
                case NUMBER -> parent.set(name, NUMBERS[rng.nextInt(NUMBERS.length)]);
                default -> { }
            }
            if (m == Mutation.DUPLICATE) {
                // a key written twice (the tree cannot hold it; the text can)
                String one = JSON.writeValueAsString(tree);
                String key = "\"" + name + "\":";
                int at = one.indexOf(key);
                text = one.substring(0, at) + key + JSON.writeValueAsString(parent.get(name)) + "," + one.substring(at);
                if (yaml) {
                    yaml = false; // the duplicate is made in the JSON text
                }
            } else {
                text = yaml ? YAML.writeValueAsString(tree) : JSON.writeValueAsString(tree);
            }
            Path f = dir.resolve("fuzz" + trial + (yaml ? ".yaml" : ".json"));
            Files.writeString(f, text);
            String what = "trial " + trial + " " + m + " " + name + (yaml ? " (YAML)" : "") + ": " + text;
            TrainCommandTest.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> TrainCommandTest.run("run", f.toString(), "--duration", "0.005"), what);
            if (m == Mutation.RENAME || m == Mutation.DUPLICATE || m == Mutation.RETYPE) {
                // nothing of these is a legal network file: accepting one would be silently wrong
                assertCleanError(o, what);
            } else if (o.code() != 0) {
                assertCleanError(o, what);
            }
            if (o.code() == 0) {
                ran++;
            } else {
                refused++;
            }
        }
        assertTrue(refused > 100 && ran > 20, "refused " + refused + ", ran " + ran);
    }

    @Test
    void modelFilesTruncatedOrFlippedAreRefusedAndNeverLoadedAsAnotherModel() throws Exception {
        Datasets.Split data = Datasets.load("delay", null, 8, 1, 16);
        Model model = new Model(new ModelOptions(new int[] {3}, 0.9, 0, ResetMode.SUBTRACT, new int[] {0, 2}, true, true,
                false, Surrogate.fastSigmoid(25), Loss.CE_COUNT, true).spec(data.train().inputs(), data.train().classes()),
                5);
        Path good = dir.resolve("good.model");
        ModelFile.save(model, good);
        Path ckpt = dir.resolve("good.ckpt");
        try (Trainer t = new Trainer(model, new Trainer.Config(1, 8, 1e-3, 0, false, 1, 1), 8)) {
            t.trainEpoch(data.train(), Trainer.Progress.NONE);
            ModelFile.saveCheckpoint(t, ckpt);
        }
        for (Path original : new Path[] {good, ckpt}) {
            boolean isModel = original == good;
            byte[] bytes = Files.readAllBytes(original);
            Path bad = dir.resolve("bad.bin");
            List<byte[]> variants = new ArrayList<>();
            for (int cut = 0; cut < bytes.length; cut++) {
                variants.add(java.util.Arrays.copyOf(bytes, cut));
            }
            SplittableRandom rng = new SplittableRandom(7);
            for (int flip = 0; flip < 400; flip++) {
                byte[] b = bytes.clone();
                int at = rng.nextInt(b.length);
                b[at] ^= (byte) (1 << rng.nextInt(8));
                variants.add(b);
            }
            for (int v = 0; v < variants.size(); v++) {
                Files.write(bad, variants.get(v));
                String what = original.getFileName() + " variant " + v + " (" + variants.get(v).length + " bytes)";
                IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> {
                    if (isModel) {
                        ModelFile.load(bad);
                    } else {
                        ModelFile.loadCheckpoint(bad, 1, 8).close();
                    }
                }, what + ": a corrupt file was loaded");
                assertTrue(e.getMessage() != null && e.getMessage().contains(bad.toString()), what + ": " + e.getMessage());
            }
        }
        // and through the command: the same, as one line with exit 2
        Path half = dir.resolve("half.model");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(half, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertCleanError(TrainCommandTest.run("eval", half.toString(), "--dataset", "delay", "--steps", "8"), "half a model");
    }
}
