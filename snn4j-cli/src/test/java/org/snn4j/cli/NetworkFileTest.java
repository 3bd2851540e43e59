package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.model.Network;

class NetworkFileTest {
    @TempDir
    Path dir;

    private Path write(String json) throws Exception {
        Path f = dir.resolve("net.json");
        Files.writeString(f, json);
        return f;
    }

    private void fails(String json, String... fragments) throws Exception {
        Path f = write(json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkFile.read(f));
        assertTrue(e.getMessage().startsWith("network file " + f), e.getMessage());
        for (String s : fragments) {
            assertTrue(e.getMessage().contains(s), "'" + e.getMessage() + "' should contain '" + s + "'");
        }
    }

    private static final String POP = "{\"name\": \"a\", \"size\": 3}";

    @Test
    void theExampleFileBuildsTheNetworkItDescribes() {
        NetworkFile.Spec spec = NetworkFile.read(Path.of("../docs/examples/layered.json"));
        Network net = spec.network();
        assertEquals(110, net.neuronCount());
        assertEquals(2, net.sources().size());
        assertEquals(4, net.projections().size());
        assertEquals("output", spec.output());
        assertEquals(1e-4, spec.dtSeconds());
        assertEquals(0, net.projections().get(2).maxDelaySteps(), "zero-delay layers");
        assertEquals(200, net.projections().get(2).synapseCount(), "fan-in 20 into 10 outputs");
    }

    @Test
    void theYamlExampleIsTheJsonExampleSpikeForSpike() {
        NetworkFile.Spec json = NetworkFile.read(Path.of("../docs/examples/layered.json"));
        NetworkFile.Spec yaml = NetworkFile.read(Path.of("../docs/examples/layered.yaml"));
        assertEquals(json.dtSeconds(), yaml.dtSeconds());
        assertEquals(json.output(), yaml.output());
        assertEquals(json.network().synapseCount(), yaml.network().synapseCount());
        var a = org.snn4j.engine.Engines.clock(json.network(), json.dtSeconds())
                .record(org.snn4j.engine.Monitor.allSpikes()).runSteps(500, org.snn4j.engine.ProgressListener.NONE);
        var b = org.snn4j.engine.Engines.clock(yaml.network(), yaml.dtSeconds())
                .record(org.snn4j.engine.Monitor.allSpikes()).runSteps(500, org.snn4j.engine.ProgressListener.NONE);
        assertTrue(a.cost().spikes() > 100, "spikes " + a.cost().spikes());
        for (String pop : new String[] {"hidden", "output"}) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.spikes(pop).steps(), b.spikes(pop).steps(), pop);
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.spikes(pop).neurons(), b.spikes(pop).neurons(), pop);
        }
    }

    @Test
    void yamlErrorsNameTheFieldOrTheLine() throws Exception {
        Path typed = dir.resolve("net.yaml");
        Files.writeString(typed, "populations:\n  - name: a\n    size: three\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkFile.read(typed));
        assertTrue(e.getMessage().contains("populations[0].size"), e.getMessage());
        Path malformed = dir.resolve("net.yml");
        Files.writeString(malformed, "populations:\n  - name: a\n    size: [3\n");
        e = assertThrows(IllegalArgumentException.class, () -> NetworkFile.read(malformed));
        assertTrue(e.getMessage().contains("malformed YAML") && e.getMessage().contains("line "), e.getMessage());
    }

    @Test
    void missingFieldsAreNamed() throws Exception {
        fails("{}", "populations: missing");
        fails("{\"populations\": [{\"size\": 3}]}", "populations[0].name: missing");
        fails("{\"populations\": [" + POP + "], \"projections\": [{\"from\": \"a\", \"to\": \"a\", \"weights\": 1}]}",
                "projections[0].connect: missing");
    }

    @Test
    void wrongTypesAreNamed() throws Exception {
        fails("{\"populations\": [{\"name\": \"a\", \"size\": \"ten\"}]}", "populations[0].size", "\"ten\"",
                "expected an integer");
        fails("{\"populations\": {}}", "populations: expected an array");
        fails("{\"populations\": [{\"name\": \"a\", \"size\": 3, \"neuron\": {\"tau_mem_s\": \"fast\"}}]}",
                "populations[0].neuron.tau_mem_s", "expected a number");
        fails("{\"populations\": [{\"name\": \"a\", \"size\": 3, \"neuron\": {\"tau_m\": 0.01}}]}",
                "populations[0].neuron.tau_m: unknown field");
    }

    @Test
    void badValuesAreNamed() throws Exception {
        fails("{\"populations\": [{\"name\": \"a\", \"size\": -4}]}", "populations[0].size", "-4");
        fails("{\"populations\": [{\"name\": \"a\", \"size\": 3, \"neuron\": {\"tau_mem_s\": -0.01}}]}",
                "populations[0].neuron", "tauMemSeconds -0.01");
        fails("{\"populations\": [" + POP + "], \"projections\": [{\"from\": \"a\", \"to\": \"a\", "
                + "\"connect\": {\"pairs\": [[0, 1]]}, \"weights\": 1, \"delays\": -2}]}", "delay -2", ">= 0");
        fails("{\"populations\": [" + POP + "], \"output\": \"b\"}", "output", "'b'");
        fails("{\"dt_s\": 0, \"populations\": [" + POP + "]}", "dt_s", "> 0");
    }

    @Test
    void malformedJsonGivesLineAndColumn() throws Exception {
        fails("{\n  \"populations\": [\n    {\"name\": \"a\", \"size\": 3,}\n  ]\n}", "line 3", "column", "malformed JSON");
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
