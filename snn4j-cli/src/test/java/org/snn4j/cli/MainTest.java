package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void cubaPrintsOneJsonObjectWithTheDocumentedFields(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("out/cuba.json");
        Outcome o = run("cuba", "--neurons", "1000", "--duration", "0.2", "--seed", "3", "--json", json.toString());
        assertEquals(0, o.code(), o.err());
        String line = o.out().trim();
        assertFalse(line.contains("\n"), "one line");
        Json j = Json.parseFlat(line);
        for (String f : new String[] {"neurons", "synapses", "duration_s", "spikes", "rate_hz", "syn_events",
                "t_build_s", "t_loop_s", "events_per_loop_s", "t_total_process_s"}) {
            assertTrue(j.get(f) instanceof Number, f + " in " + line);
        }
        assertEquals(1000, j.number("neurons"));
        assertEquals(0.2, j.number("duration_s"));
        double rate = j.number("rate_hz");
        assertEquals(j.number("spikes") / (1000 * 0.2), rate, 1e-9);
        assertTrue(j.number("syn_events") > 10 * j.number("spikes"), "fan-out about 80");
        assertEquals(line, Files.readString(json).trim(), "--json writes the same object");
    }

    @Test
    void threadsDoNotChangeTheResult() {
        Json one = Json.parseFlat(run("cuba", "--neurons", "800", "--duration", "0.1").out().trim());
        Json two = Json.parseFlat(run("cuba", "--neurons", "800", "--duration", "0.1", "--threads", "2").out().trim());
        assertEquals(one.number("spikes"), two.number("spikes"));
        assertEquals(one.number("syn_events"), two.number("syn_events"));
    }

    @Test
    void rasterIsAPngWithTheRatePanelBelow(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("raster.png");
        Outcome o = run("cuba", "--neurons", "500", "--duration", "0.1", "--raster", png.toString());
        assertEquals(0, o.code(), o.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1000, img.getWidth());
        assertEquals(520 + 260, img.getHeight());
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() {
        for (String[] args : new String[][] {{"cuba", "--neurons", "abc"}, {"cuba", "--bogus"},
                {"cuba", "--neurons", "0"}, {"cuba", "--dt", "-1e-4"}, {"cuba", "--duration", "NaN"},
                {"cuba", "--threads", "0"}, {"nosuchcommand"}, {"bench", "nosuchtask"}}) {
            Outcome o = run(args);
            assertEquals(2, o.code(), String.join(" ", args) + ": " + o.err());
            String first = o.err().lines().findFirst().orElse("");
            assertTrue(first.startsWith("snn4j: "), first);
            assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
            assertTrue(o.err().lines().count() <= 2, o.err());
        }
        Outcome o = run("cuba", "--neurons", "abc");
        assertTrue(o.err().contains("--neurons") && o.err().contains("abc"), o.err());
        o = run("cuba", "--dt", "-1e-4");
        assertTrue(o.err().contains("--dt -1.0E-4") && o.err().contains("> 0"), o.err());
    }

    @Test
    void narmaWritesTheDocumentedRows(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("narma.json");
        Outcome o = run("narma", "--neurons", "20", "--seeds", "1", "--models", "esn,snn-delay", "--no-progress",
                "--json", json.toString(), "--plot", dir.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("esn") && o.out().contains("snn-delay"), o.out());
        String text = Files.readString(json);
        for (String f : new String[] {"\"model\":\"esn\"", "\"model\":\"snn-delay\"", "\"neurons\":20", "\"nmse_mean\"",
                "\"nmse_std\"", "\"nmse_per_seed\"", "\"synops_per_step\"", "\"neuron_updates_per_step\"",
                "\"macs_per_step\":420.0"}) {
            assertTrue(text.contains(f), f + " in " + text);
        }
        assertTrue(Files.exists(dir.resolve("narma-nmse-vs-operations.png")));
        assertTrue(Files.exists(dir.resolve("narma-prediction-snn-delay.png")));
        Path mc = dir.resolve("mc.json");
        Outcome capacity = run("memory-capacity", "--neurons", "12", "--seeds", "1", "--models", "esn",
                "--no-progress", "--json", mc.toString());
        assertEquals(0, capacity.code(), capacity.err());
        assertTrue(capacity.out().contains("MC mean"), capacity.out());
        assertTrue(Files.readString(mc).contains("\"memory_capacity_mean\""), Files.readString(mc));
        Outcome bad = run("narma", "--models", "lstm");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("model 'lstm'"), bad.err());
    }

    /** Runs the benchmark end to end: a child JVM per run, medians, JSON with every run. */
    @Test
    void benchRunsFreshProcessesAndReportsTheirOwnTimes(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        Outcome o = run("bench", "cuba", "--configs", "400x0.05", "--repeat", "1", "--json", json.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("N=400 T=0.05s") && o.out().contains("snn4j"), o.out());
        String text = Files.readString(json);
        assertTrue(text.contains("\"summary\"") && text.contains("\"runs\""), text);
        // the child's process time is its own (about a second), not the time since this JVM started
        int at = text.indexOf("\"t_total_process_s\":");
        double total = Double.parseDouble(text.substring(at + 20).split("[,}]")[0]);
        assertTrue(total > 0 && total < 20, "child process time " + total);
        Outcome bad = run("bench", "cuba", "--configs", "4000by1");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--configs '4000by1'"), bad.err());
        // several thread counts: interleaved, each compared with the first, the same synaptic events
        Outcome threads = run("bench", "cuba", "--configs", "400x0.05", "--repeat", "1", "--threads", "1,2");
        assertEquals(0, threads.code(), threads.err());
        java.util.List<String> lines = threads.out().lines().toList();
        assertTrue(lines.get(1).startsWith("N=400 T=0.05s      snn4j 1t") && lines.get(2).startsWith(
                "N=400 T=0.05s      snn4j 2t") && lines.get(3).contains("2 threads / 1: "), threads.out());
        assertEquals(lines.get(1).substring(lines.get(1).lastIndexOf(' ')), lines.get(2).substring(
                lines.get(2).lastIndexOf(' ')), "the same synaptic events on both thread counts");
        assertEquals(2, run("bench", "cuba", "--threads", "1,0").code());
    }

    @Test
    void cubaOnTheEventEngineGivesTheClockEnginesSpikes() {
        Json clock = Json.parseFlat(run("cuba", "--neurons", "500", "--duration", "0.1").out().trim());
        Json event = Json.parseFlat(run("cuba", "--neurons", "500", "--duration", "0.1", "--engine", "event").out().trim());
        assertEquals("event", event.get("engine"));
        assertEquals(clock.number("spikes"), event.number("spikes"));
        assertEquals(clock.number("syn_events"), event.number("syn_events"));
        assertEquals(2, run("cuba", "--engine", "event", "--threads", "2").code());
        Json momentum = Json.parseFlat(run("cuba", "--neurons", "500", "--duration", "0.1", "--engine", "event",
                "--schedule", "momentum", "--group", "1").out().trim());
        assertEquals("momentum", momentum.get("schedule"));
        assertEquals(momentum.number("spikes"), momentum.number("cycles"), "group 1: one spike per cycle");
        Json closed = Json.parseFlat(run("cuba", "--neurons", "500", "--duration", "0.1", "--engine", "event",
                "--catch-up", "closed-form").out().trim());
        assertEquals("closed-form", closed.get("catch_up"));
        assertEquals(clock.number("spikes"), closed.number("spikes"), "CUBA is stepped: closed form changes nothing");
        assertEquals(500.0 * 1000, closed.number("neuron_updates"), "a self-driven population: N updates per step");
        assertEquals(2, run("cuba", "--catch-up", "closed-form").code(), "closed-form catch-up needs the event engine");
        assertEquals(2, run("cuba", "--engine", "event", "--catch-up", "lazy").code());
        assertEquals(2, run("cuba", "--schedule", "fifo").code(), "a schedule needs the event engine");
        assertEquals(2, run("cuba", "--engine", "event", "--schedule", "lifo").code());
        assertEquals(2, run("cuba", "--engine", "event", "--schedule", "fifo", "--group", "0").code());
        Json custom = Json.parseFlat(run("cuba", "--neurons", "300", "--duration", "0.05", "--energy",
                "custom:1e-12,0,0").out().trim());
        assertEquals(custom.number("syn_events") * 1e-12, custom.number("energy_j"), 1e-18);
        assertEquals(2, run("cuba", "--energy", "tpu").code());
        assertEquals(2, run("cuba", "--energy", "custom:1,2").code());
    }

    @Test
    void benchSparsePrintsBothEngines() {
        Outcome o = run("bench", "sparse", "--neurons", "300", "--duration", "0.05", "--activity", "0.002");
        assertEquals(0, o.code(), o.err());
        Json j = Json.parseFlat(o.out().trim());
        for (String f : new String[] {"t_loop_clock_s", "t_loop_async_s", "spikes_clock", "spikes_async",
                "neuron_updates_async"}) {
            assertTrue(j.get(f) instanceof Number, f + " in " + o.out());
        }
        assertEquals(j.number("spikes_clock"), j.number("spikes_async"));
        assertEquals(2, run("bench", "sparse", "--activity", "1.5").code());
    }

    @Test
    void compareSchedulesPrintsEveryScheduleAndWritesJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("schedules.json");
        Outcome o = run("compare-schedules", "--duration", "0.02", "--groups", "1", "--json", json.toString());
        assertEquals(0, o.code(), o.err());
        for (String s : new String[] {"synchronous", "fifo", "random", "momentum"}) {
            assertTrue(o.out().contains(s), s + " in " + o.out());
        }
        String text = Files.readString(json);
        assertEquals(4, text.split("\"schedule\"").length - 1, "one row per schedule");
        assertTrue(text.contains("\"latency_cycles\"") && text.contains("\"energy_j\""), text);
        assertEquals(2, run("compare-schedules", "--groups", "0").code());
        Outcome fromFile = run("compare-schedules", "../docs/examples/layered.json", "--duration", "0.02", "--groups", "1");
        assertEquals(0, fromFile.code(), fromFile.err());
        assertTrue(fromFile.out().contains("momentum"), fromFile.out());
    }

    @Test
    void helpAndVersion() {
        Outcome help = run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("cuba") && help.out().contains("bench"), help.out());
        Outcome cubaHelp = run("cuba", "--help");
        assertTrue(cubaHelp.out().contains("--neurons") && cubaHelp.out().contains("--raster"), cubaHelp.out());
        Outcome version = run("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("snn4j "), version.out());
    }
}
