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
}
