package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code snn4j run FILE}: the command around the network-file reader of snn4j-io. */
class RunCommandTest {
    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Path p = dir.resolve("net.json");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void runPrintsTheRunAndRejectsABadFileWithExitCodeTwo() throws Exception {
        Path ok = write("{\"populations\": [{\"name\": \"a\", \"size\": 5, \"neuron\": {\"bias\": 0.02}}]}");
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        assertEquals(0, Main.run(new String[] {"run", ok.toString(), "--duration", "0.05"},
                new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true)), err.toString());
        Json j = Json.parseFlat(out.toString().trim());
        assertTrue(j.number("spikes") > 0, out.toString());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"populations\": [{\"name\": \"a\", \"size\": -1}]}");
        err = new java.io.StringWriter();
        assertEquals(2, Main.run(new String[] {"run", bad.toString()}, new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err, true)));
        assertTrue(err.toString().contains("populations[0].size"), err.toString());
    }

    @Test
    void closedFormCatchUpRunsTheExampleWithTheSameSpikes() {
        String[] common = {"run", "../docs/examples/layered.yaml", "--engine", "event", "--duration", "0.2"};
        TrainCommandTest.Outcome exact = TrainCommandTest.run(common);
        TrainCommandTest.Outcome closed = TrainCommandTest.run(TrainCommandTest.concat(common, "--catch-up", "closed-form"));
        assertEquals(0, closed.code(), closed.err());
        Json a = Json.parseFlat(exact.out().trim());
        Json b = Json.parseFlat(closed.out().trim());
        assertEquals(a.number("spikes"), b.number("spikes"), exact.out() + closed.out());
        assertTrue(b.number("neuron_updates") < a.number("neuron_updates"), exact.out() + closed.out());
        TrainCommandTest.Outcome bad = TrainCommandTest.run("run", "../docs/examples/layered.yaml", "--catch-up", "lazy");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--catch-up lazy"), bad.err());
    }

    @Test
    void recordingsComeOutAsFilesEqualToTheJavaApisRun() throws Exception {
        Path net = Path.of("../docs/examples/layered.json");
        Path spikes = dir.resolve("spikes.csv");
        Path h5 = dir.resolve("spikes.h5");
        Path traces = dir.resolve("v.csv");
        Path png = dir.resolve("raster.png");
        TrainCommandTest.Outcome o = TrainCommandTest.run("run", net.toString(), "--duration", "0.05", "--seed", "11",
                "--spikes", spikes.toString(), "--record", "hidden:v:3-5=" + traces, "--record",
                "output:current0:0=" + traces, "--rate", "output:5", "--raster", png.toString(), "--no-progress");
        assertEquals(0, o.code(), o.err());
        Json j = Json.parseFlat(o.out().trim());
        assertEquals(11, j.number("seed"));
        // the same network and seed through the Java API
        org.snn4j.io.NetworkFile file = org.snn4j.io.NetworkFiles.read(net, 11L, null);
        org.snn4j.engine.RunResult r = org.snn4j.engine.Engines.clock(file.network(), file.dtSeconds())
                .record(org.snn4j.engine.Monitor.allSpikes())
                .record(org.snn4j.engine.Monitor.states("hidden", org.snn4j.engine.StateVariable.V, 3, 4, 5))
                .record(org.snn4j.engine.Monitor.states("output", org.snn4j.engine.StateVariable.current(0), 0))
                .run(0.05);
        java.util.List<String> lines = Files.readAllLines(spikes);
        assertEquals("population,neuron,step,time_s", lines.get(0));
        int row = 1;
        for (String pop : new String[] {"hidden", "output"}) {
            org.snn4j.engine.SpikeTrain t = r.spikes(pop);
            for (int s = 0; s < t.count(); s++) {
                String[] f = lines.get(row++).split(",");
                assertEquals(pop, f[0]);
                assertEquals(t.neurons()[s], Integer.parseInt(f[1]));
                assertEquals(t.steps()[s], Integer.parseInt(f[2]));
                assertEquals(t.steps()[s] * file.dtSeconds(), Double.parseDouble(f[3]));
            }
        }
        assertEquals(lines.size(), row, "nothing but the spikes");
        java.util.List<String> tr = Files.readAllLines(traces);
        assertEquals("step,time_s,hidden.v[3],hidden.v[4],hidden.v[5],output.I0[0]", tr.get(0));
        float[][] v = r.state("hidden", org.snn4j.engine.StateVariable.V).values();
        float[] i0 = r.state("output", org.snn4j.engine.StateVariable.current(0)).values()[0];
        assertEquals(v[0].length + 1, tr.size());
        for (int k = 0; k < v[0].length; k++) {
            String[] f = tr.get(k + 1).split(",");
            assertEquals(k + 1, Integer.parseInt(f[0]));
            for (int n = 0; n < 3; n++) {
                assertEquals(Float.floatToRawIntBits(v[n][k]), Float.floatToRawIntBits(Float.parseFloat(f[2 + n])),
                        "bitwise the same V at step " + (k + 1));
            }
            assertEquals(Float.floatToRawIntBits(i0[k]), Float.floatToRawIntBits(Float.parseFloat(f[5])));
        }
        assertTrue(o.out().contains("\"rate_hz\":{\"output\":["), o.out());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(1000, img.getWidth());
        // HDF5: the same spikes, of the selected neurons only
        TrainCommandTest.Outcome h = TrainCommandTest.run("run", net.toString(), "--duration", "0.05", "--seed", "11",
                "--spikes", h5.toString(), "--spikes-of", "hidden:10-19,output", "--no-progress");
        assertEquals(0, h.code(), h.err());
        try (io.jhdf.HdfFile f = new io.jhdf.HdfFile(h5)) {
            assertEquals("snn4j spikes 1", f.getAttribute("format").getData());
            int[] neurons = (int[]) f.getDatasetByPath("spikes/hidden/neuron").getData();
            int[] steps = (int[]) f.getDatasetByPath("spikes/hidden/step").getData();
            org.snn4j.engine.SpikeTrain t = r.spikes("hidden");
            int m = 0;
            for (int s = 0; s < t.count(); s++) {
                if (t.neurons()[s] >= 10 && t.neurons()[s] <= 19) {
                    assertEquals(t.neurons()[s], neurons[m]);
                    assertEquals(t.steps()[s], steps[m++]);
                }
            }
            assertEquals(m, neurons.length);
            assertTrue(m > 0);
            assertEquals(r.spikes("output").count(), ((int[]) f.getDatasetByPath("spikes/output/step").getData()).length);
            assertEquals(file.dtSeconds(), (double) f.getByPath("spikes/output").getAttribute("dt_s").getData());
        }
    }

    @Test
    void badRecordingOptionsAreOneLineErrors() {
        String net = "../docs/examples/layered.json";
        String[][] bad = {{"--record", "nope:v=x.csv"}, {"--record", "hidden:w=x.csv"},
            {"--record", "hidden:current5=x.csv"}, {"--record", "hidden:v:90-200=x.csv"}, {"--record", "hidden:v"},
            {"--spikes-of", "hidden"}, {"--spikes", "s.csv", "--spikes-of", "hidden:a-b"}, {"--rate", "output:0"},
            {"--rate", "nope"}, {"--dt", "-1"}, {"--seed", "x"}};
        for (String[] b : bad) {
            String[] args = TrainCommandTest.concat(new String[] {"run", net, "--duration", "0.01"}, b);
            for (int k = 0; k < args.length; k++) {
                if (args[k].endsWith("x.csv")) {
                    args[k] = args[k].replace("x.csv", dir.resolve("x.csv").toString());
                } else if (args[k].endsWith(".csv")) {
                    args[k] = dir.resolve(args[k]).toString();
                }
            }
            TrainCommandTest.Outcome o = TrainCommandTest.run(args);
            assertEquals(2, o.code(), String.join(" ", b) + ": " + o.err());
            // one line (a parse error adds the usual "Try ... --help" hint)
            assertTrue(o.err().trim().lines().count() == 1 || o.err().contains("--help' for the options"), o.err());
            assertTrue(o.err().startsWith("snn4j: "), o.err());
        }
    }

    @Test
    void theNetworkFilesRecordSectionRecordsAsTheOptionsDo() throws Exception {
        String pop = "{\"name\": \"a\", \"size\": 6, \"neuron\": {\"bias\": 0.02}, \"initial_v\": {\"uniform\": [0, 0.01]}}";
        Path withSection = write("{\"populations\": [" + pop + "], \"record\": {\"spikes\": \"f-spikes.csv\", "
                + "\"spikes_of\": [\"a:1-3\"], \"traces\": {\"f-v.csv\": [\"a:v:0-1\"]}, \"rates\": [\"a:1\"]}}");
        TrainCommandTest.Outcome a = TrainCommandTest.run("run", withSection.toString(), "--duration", "0.02");
        assertEquals(0, a.code(), a.err());
        Path plain = dir.resolve("plain.json");
        Files.writeString(plain, "{\"populations\": [" + pop + "]}");
        TrainCommandTest.Outcome b = TrainCommandTest.run("run", plain.toString(), "--duration", "0.02", "--spikes",
                dir.resolve("o-spikes.csv").toString(), "--spikes-of", "a:1-3", "--record", "a:v:0-1=" + dir.resolve("o-v.csv"),
                "--rate", "a:1");
        assertEquals(0, b.code(), b.err());
        assertEquals(Files.readString(dir.resolve("o-spikes.csv")), Files.readString(dir.resolve("f-spikes.csv")));
        assertEquals(Files.readString(dir.resolve("o-v.csv")), Files.readString(dir.resolve("f-v.csv")));
        assertTrue(Files.readAllLines(dir.resolve("f-spikes.csv")).size() > 3, "spikes recorded");
        String ra = a.out().replaceAll(".*\"rate_hz\":", "").replaceAll("}}.*", "");
        assertTrue(b.out().contains(ra.trim()), a.out() + b.out());
    }

    @Test
    void nirFilesRunWithTheirInputsFromAFileOrAtARate() throws Exception {
        Path shared = Path.of("../../shared/nir");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shared), "../shared/nir is missing");
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "population,neuron,step\ninput,0,5\ninput,0,70\n");
        Path out = dir.resolve("out.csv");
        TrainCommandTest.Outcome lif = TrainCommandTest.run("run", shared.resolve("lif_norse.nir").toString(), "--input",
                in.toString(), "--duration", "0.01", "--spikes", out.toString(), "--no-progress");
        assertEquals(0, lif.code(), lif.err());
        assertEquals(java.util.List.of("population,neuron,step,time_s", "1,0,5,5.0E-4", "1,0,70,0.007"),
                Files.readAllLines(out), "the LIF spikes in the steps of its input's spikes (a jump of 400 over 0.1)");
        TrainCommandTest.Outcome braille = TrainCommandTest.run("run", shared.resolve("norse_braille.nir").toString(),
                "--input-rate", "100", "--duration", "0.05", "--engine", "event", "--no-progress");
        assertEquals(0, braille.code(), braille.err());
        Json j = Json.parseFlat(braille.out().trim());
        assertEquals("lif2", j.get("output"));
        assertTrue(j.number("spikes") > 0, braille.out());
        // the same input as HDF5, in the layout --spikes writes
        Path h5 = dir.resolve("in.h5");
        try (io.jhdf.WritableHdfFile w = io.jhdf.HdfFile.write(h5)) {
            io.jhdf.api.WritableGroup g = w.putGroup("spikes").putGroup("input");
            g.putDataset("neuron", new int[] {0, 0});
            g.putDataset("step", new int[] {5, 70});
        }
        Path outH5 = dir.resolve("out-h5.csv");
        TrainCommandTest.Outcome fromH5 = TrainCommandTest.run("run", shared.resolve("lif_norse.nir").toString(),
                "--input", h5.toString(), "--duration", "0.01", "--spikes", outH5.toString(), "--no-progress");
        assertEquals(0, fromH5.code(), fromH5.err());
        assertEquals(Files.readAllLines(out), Files.readAllLines(outH5));
        TrainCommandTest.Outcome none = TrainCommandTest.run("run", shared.resolve("lif_norse.nir").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("--input"), none.err());
    }
}
