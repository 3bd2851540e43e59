package org.snn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.model.Network;

class NetworkFilesTest {
    @TempDir
    Path dir;

    private Path write(String json) throws Exception {
        Path f = dir.resolve("net.json");
        Files.writeString(f, json);
        return f;
    }

    private void fails(String json, String... fragments) throws Exception {
        Path f = write(json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkFiles.read(f));
        assertTrue(e.getMessage().startsWith("network file " + f), e.getMessage());
        for (String s : fragments) {
            assertTrue(e.getMessage().contains(s), "'" + e.getMessage() + "' should contain '" + s + "'");
        }
    }

    private static final String POP = "{\"name\": \"a\", \"size\": 3}";

    @Test
    void theExampleFileBuildsTheNetworkItDescribes() {
        NetworkFile spec = NetworkFiles.read(Path.of("../docs/examples/layered.json"));
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
        NetworkFile json = NetworkFiles.read(Path.of("../docs/examples/layered.json"));
        NetworkFile yaml = NetworkFiles.read(Path.of("../docs/examples/layered.yaml"));
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
    void aWrittenNetworkFileBuildsTheSameNetworkAndSpikes() throws Exception {
        for (org.snn4j.model.Discretisation d : org.snn4j.model.Discretisation.values()) {
            org.snn4j.model.Network net = NirExportTest.network(d);
            Path file = dir.resolve("written.json");
            NetworkFiles.write(file, net, 1e-4, "out");
            NetworkFile back = NetworkFiles.read(file);
            assertEquals("out", back.output());
            assertEquals(net.seed(), back.seed());
            for (org.snn4j.model.Population p : net.populations()) {
                assertEquals(p.model(), back.network().population(p.name()).model(), p.name());
            }
            for (int i = 0; i < net.projections().size(); i++) {
                org.snn4j.model.Projection a = net.projections().get(i);
                org.snn4j.model.Projection b = back.network().projections().get(i);
                org.junit.jupiter.api.Assertions.assertArrayEquals(a.targetArray(), b.targetArray(), a.label());
                org.junit.jupiter.api.Assertions.assertArrayEquals(a.weightArray(), b.weightArray(), a.label());
                org.junit.jupiter.api.Assertions.assertArrayEquals(a.delayArray(), b.delayArray(), a.label());
            }
            org.snn4j.engine.RunResult x = org.snn4j.engine.Engines.clock(net, 1e-4)
                    .record(org.snn4j.engine.Monitor.allSpikes()).run(0.1);
            org.snn4j.engine.RunResult y = org.snn4j.engine.Engines.clock(back.network(), 1e-4)
                    .record(org.snn4j.engine.Monitor.allSpikes()).run(0.1);
            org.junit.jupiter.api.Assertions.assertArrayEquals(x.spikes("hidden").steps(), y.spikes("hidden").steps());
            org.junit.jupiter.api.Assertions.assertArrayEquals(x.spikes("out").neurons(), y.spikes("out").neurons());
            assertTrue(x.spikes("out").count() > 0);
        }
        // an integrator that never fires, in JSON's words
        Path inf = dir.resolve("inf.json");
        Files.writeString(inf, "{\"populations\": [{\"name\": \"i\", \"size\": 2, \"neuron\": {\"tau_mem_s\": \"inf\","
                + " \"tau_syn_s\": 0, \"v_threshold\": \"inf\"}}]}");
        org.snn4j.model.CubaLif m = NetworkFiles.read(inf).network().population("i").model();
        assertEquals(Double.POSITIVE_INFINITY, m.tauMemSeconds());
        assertEquals(Double.POSITIVE_INFINITY, m.vThreshold());
        fails("{\"populations\": [{\"name\": \"a\", \"size\": 1, \"neuron\": {\"discretisation\": \"rk4\"}}]}",
                "populations[0].neuron.discretisation", "'rk4'", "exact or euler");
        fails("{\"populations\": [{\"name\": \"a\", \"size\": 1, \"neuron\": {\"tau_mem_s\": \"infinity\"}}]}",
                "populations[0].neuron.tau_mem_s", "\"inf\"");
    }

    @Test
    void yamlErrorsNameTheFieldOrTheLine() throws Exception {
        Path typed = dir.resolve("net.yaml");
        Files.writeString(typed, "populations:\n  - name: a\n    size: three\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkFiles.read(typed));
        assertTrue(e.getMessage().contains("populations[0].size"), e.getMessage());
        Path malformed = dir.resolve("net.yml");
        Files.writeString(malformed, "populations:\n  - name: a\n    size: [3\n");
        e = assertThrows(IllegalArgumentException.class, () -> NetworkFiles.read(malformed));
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
}
