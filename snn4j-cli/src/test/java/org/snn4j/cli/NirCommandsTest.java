package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.io.NirFiles;
import org.snn4j.io.NirGraph;

/** NIR from the command line: every shared file runs, convert and export round trip, eval reads NIR, bad files fail by name. */
class NirCommandsTest {
    private static final Path SHARED = Path.of("../../shared/nir");

    @TempDir
    Path dir;

    private static TrainCommandTest.Outcome run(String... args) {
        return TrainCommandTest.run(args);
    }

    private static String spikes(TrainCommandTest.Outcome o) {
        assertEquals(0, o.code(), o.err());
        return o.out().replaceAll(".*\"spikes_per_population\":(\\{[^}]*}).*", "$1").trim();
    }

    @Test
    void everySharedFileRunsFromTheCommandLineAndConvertsBackToTheSameSpikes() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "../shared/nir is missing");
        // the options each file's exporter implies (README: which option reproduces which library)
        Map<String, String[]> files = new LinkedHashMap<>();
        files.put("lif_norse.nir", new String[] {"--discretisation", "euler"});
        files.put("norse_braille.nir", new String[] {});
        files.put("braille_noDelay_bias_zero.nir", new String[] {"--discretisation", "euler"});
        files.put("braille_noDelay_noBias_subtract.nir", new String[] {"--discretisation", "euler", "--reset",
            "subtract-next"});
        files.put("spyx_braille_subtract.nir", new String[] {"--discretisation", "euler", "--reset", "subtract-next"});
        files.put("rockpool_braille.nir", new String[] {"--dt", "1", "--lenient"});
        files.put("cnn_sinabs.nir", new String[] {"--dt", "1", "--reset", "subtract"});
        for (Map.Entry<String, String[]> f : files.entrySet()) {
            boolean steps = List.of(f.getValue()).contains("1");
            String[] common = {"--input-rate", steps ? "0.2" : "200", "--duration", steps ? "30" : "0.03", "--no-progress"};
            String original = spikes(run(concat(concat(new String[] {"run", SHARED.resolve(f.getKey()).toString()},
                    f.getValue()), common)));
            assertTrue(original.startsWith("{\""), f.getKey() + ": " + original);
            if (f.getKey().startsWith("cnn")) {
                continue; // its dense NIR rewrite is large; the network file round trip below covers it
            }
            Path json = dir.resolve("net.json");
            Path nir = dir.resolve("net.nir");
            TrainCommandTest.Outcome c = run(concat(new String[] {"convert", SHARED.resolve(f.getKey()).toString(),
                json.toString()}, f.getValue()));
            assertEquals(0, c.code(), c.err());
            assertTrue(c.err().contains("have no spikes"), c.err());
            TrainCommandTest.Outcome back = run("convert", json.toString(), nir.toString());
            assertEquals(0, back.code(), back.err());
            String[] dt = steps ? new String[] {"--dt", "1"} : new String[] {};
            assertEquals(original, spikes(run(concat(concat(new String[] {"run", nir.toString()}, dt), common))),
                    f.getKey() + " -> json -> nir");
        }
    }

    @Test
    void aTrainedModelExportedToNirEvaluatesAlike() throws Exception {
        Path model = TrainCommandTest.tinyModel(dir, "--delays", "3");
        Path nir = dir.resolve("m.nir");
        TrainCommandTest.Outcome exported = run("export", model.toString(), nir.toString());
        assertEquals(0, exported.code(), exported.err());
        assertEquals(3, Json.parseFlat(exported.out().trim()).number("layers") + 1, exported.out());
        for (String engine : new String[] {"clock", "event"}) {
            String[] common = {"--dataset", "mnist", "--data", dir.toString(), "--steps", "10", "--engine", engine,
                "--no-progress"};
            Json a = Json.parseFlat(evalOut(concat(new String[] {"eval", model.toString()}, common)));
            Json b = Json.parseFlat(evalOut(concat(new String[] {"eval", nir.toString()}, common)));
            for (String k : new String[] {"accuracy", "spikes_per_sample", "synops_per_sample", "latency_steps"}) {
                assertEquals(a.number(k), b.number(k), engine + " " + k);
            }
            assertTrue(a.number("accuracy") > 0.6, a.toString());
        }
    }

    private static String evalOut(String... args) {
        TrainCommandTest.Outcome o = run(args);
        assertEquals(0, o.code(), o.err());
        return o.out().trim();
    }

    private static NirGraph.Field f(double... v) {
        return new NirGraph.Field(v, new int[] {v.length});
    }

    /** Input (2) -> Affine -> LIF (3) -> Output, with the given replacements. */
    private Path graph(String name, Map<String, NirGraph.Node> replace, List<NirGraph.Edge> edges) throws Exception {
        Map<String, NirGraph.Node> nodes = new LinkedHashMap<>();
        nodes.put("input", new NirGraph.Node("input", "Input", Map.of("shape", f(2))));
        nodes.put("fc", new NirGraph.Node("fc", "Affine", Map.of("weight", new NirGraph.Field(new double[6], new int[] {3,
            2}), "bias", f(0, 0, 0))));
        nodes.put("lif", new NirGraph.Node("lif", "LIF", Map.of("tau", f(0.01, 0.01, 0.01), "r", f(1, 1, 1), "v_leak",
                f(0, 0, 0), "v_threshold", f(1, 1, 1))));
        nodes.put("output", new NirGraph.Node("output", "Output", Map.of("shape", f(3))));
        nodes.putAll(replace);
        Path p = dir.resolve(name);
        NirFiles.write(new NirGraph("1.0.0", nodes, edges != null ? edges : List.of(new NirGraph.Edge("input", "fc"),
                new NirGraph.Edge("fc", "lif"), new NirGraph.Edge("lif", "output"))), p);
        return p;
    }

    @Test
    void badNirFilesAreOneLineErrorsNamingFileNodeAndField() throws Exception {
        Path text = dir.resolve("text.nir");
        Files.writeString(text, "not HDF5");
        Path noType = dir.resolve("notype.nir");
        try (io.jhdf.WritableHdfFile h5 = io.jhdf.HdfFile.write(noType)) {
            h5.putDataset("version", "1.0.0");
            io.jhdf.api.WritableGroup g = h5.putGroup("node");
            g.putDataset("type", "NIRGraph");
            g.putGroup("nodes").putGroup("input").putDataset("shape", new long[] {2});
            g.putDataset("edges", new String[][] {{"input", "input"}});
        }
        Path unknownEdge = graph("edge.nir", Map.of(), List.of(new NirGraph.Edge("input", "fc"),
                new NirGraph.Edge("fc", "lif"), new NirGraph.Edge("lif", "out")));
        Path shape = graph("shape.nir", Map.of("fc", new NirGraph.Node("fc", "Linear", Map.of("weight",
                new NirGraph.Field(new double[8], new int[] {4, 2})))), null);
        Path type = graph("type.nir", Map.of("lif", new NirGraph.Node("lif", "Izhikevich", Map.of("a", f(1, 1, 1)))), null);
        Path nan = graph("nan.nir", Map.of("lif", new NirGraph.Node("lif", "LIF", Map.of("tau", f(0.01, 0.01, 0.01), "r",
                f(1, 1, 1), "v_leak", f(0, 0, 0), "v_threshold", f(1, Double.NaN, 1)))), null);
        Object[][] cases = {
            {text, List.of("text.nir", "not a readable NIR (HDF5) file")},
            {noType, List.of("notype.nir", "node 'input'", "'type'")},
            {unknownEdge, List.of("edge.nir", "names node 'out'")},
            {shape, List.of("shape.nir", "node 'lif'", "fed 4 values")},
            {type, List.of("type.nir", "node 'lif'", "Izhikevich")},
            {nan, List.of("nan.nir", "node 'lif'", "field 'v_threshold'", "NaN")},
        };
        for (Object[] c : cases) {
            TrainCommandTest.Outcome o = run("run", c[0].toString(), "--input-rate", "10", "--duration", "0.001",
                    "--no-progress");
            String err = o.err().trim();
            assertEquals(2, o.code(), err);
            assertEquals(1, err.lines().count(), "one line: " + err);
            assertFalse(err.contains("\tat "), err);
            for (Object w : (List<?>) c[1]) {
                assertTrue(err.contains((String) w), "'" + w + "' in: " + err);
            }
        }
    }

    static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
