package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --hardware on run, eval and train, and snn4j map, from the command line. */
class HardwareCommandsTest {
    @TempDir
    Path dir;

    private static TrainCommandTest.Outcome run(String... args) {
        return TrainCommandTest.run(args);
    }

    @Test
    void runInAChipsIntegersReportsTheConversionAndTheAgreementWithTheFloatRun() {
        for (String chip : new String[] {"loihi", "xylo"}) {
            TrainCommandTest.Outcome o = run("run", "../docs/examples/layered.json", "--hardware", chip, "--duration",
                    "0.05", "--no-progress");
            assertEquals(0, o.code(), o.err());
            assertTrue(o.err().contains("hardware: projection 'input' -> 'hidden' port 0: weight"), o.err());
            Json j = Json.parseFlat(o.out().trim());
            assertEquals(chip, j.get("hardware"));
            assertTrue(o.out().contains("\"agreement\":{\"hidden\":{\"float_spikes\":"), o.out());
        }
        TrainCommandTest.Outcome event = run("run", "../docs/examples/layered.json", "--hardware", "loihi", "--engine",
                "event", "--duration", "0.05", "--no-progress");
        TrainCommandTest.Outcome clock = run("run", "../docs/examples/layered.json", "--hardware", "loihi", "--duration",
                "0.05", "--no-progress");
        assertEquals(Json.parseFlat(clock.out().trim()).number("spikes"), Json.parseFlat(event.out().trim())
                .number("spikes"), "event-driven integers: the same spikes");
        TrainCommandTest.Outcome bad = run("run", "../docs/examples/layered.json", "--hardware", "truenorth");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--hardware truenorth: expected loihi or xylo"), bad.err());
        TrainCommandTest.Outcome async = run("run", "../docs/examples/layered.json", "--hardware", "loihi", "--engine",
                "event", "--schedule", "fifo");
        assertEquals(2, async.code());
        assertTrue(async.err().contains("synchronous schedule"), async.err());
    }

    @Test
    void mapNamesTheViolationsAndTheFixes() throws Exception {
        Path net = dir.resolve("wide.json");
        Files.writeString(net, "{\"populations\": [{\"name\": \"h\", \"size\": 1001, \"neuron\": {\"tau_syn_s\": 0.002}},"
                + " {\"name\": \"o\", \"size\": 2, \"neuron\": {\"tau_syn_s\": 0.002}}], \"sources\": [{\"name\": \"in\","
                + " \"poisson\": {\"size\": 17, \"rate_hz\": 5}}], \"projections\": [{\"from\": \"in\", \"to\": \"h\","
                + " \"connect\": {\"all_to_all\": true}, \"weights\": 0.001, \"delays\": 0}, {\"from\": \"h\", \"to\": \"o\","
                + " \"connect\": {\"all_to_all\": true}, \"weights\": 0.001, \"delays\": 70}]}");
        TrainCommandTest.Outcome xylo = run("map", net.toString(), "--hardware", "xylo");
        assertEquals(0, xylo.code(), xylo.err());
        assertTrue(xylo.out().contains("\"fits\":false") && xylo.out().contains("17 input channels")
                && xylo.out().contains("1001 neurons, more than Xylo's 1000"), xylo.out());
        TrainCommandTest.Outcome loihi = run("map", net.toString(), "--hardware", "loihi");
        assertTrue(loihi.out().contains("has delay 70 steps, beyond Loihi's 62 (and 2001 more synapses)") && loihi.out().contains("\"cores\":1")
                && loihi.out().contains("train --max-delay 62"), loihi.out());
        TrainCommandTest.Outcome missing = run("map", net.toString());
        assertEquals(2, missing.code());
    }

    @Test
    void trainWithinAChipsLimits() throws Exception {
        Path model = TrainCommandTest.tinyModel(dir, "--hardware", "loihi");
        TrainCommandTest.Outcome ev = run("eval", model.toString(), "--dataset", "mnist", "--data", dir.toString(),
                "--steps", "10", "--hardware", "loihi", "--no-progress");
        assertEquals(0, ev.code(), ev.err());
        Json j = Json.parseFlat(ev.out().trim());
        assertTrue(j.number("hardware_accuracy") >= 0 && j.number("same_decisions") > 0.5, ev.out());
        TrainCommandTest.Outcome bits = run("train", "--dataset", "delay", "--hardware", "loihi", "--bits", "12");
        assertEquals(2, bits.code());
        assertTrue(bits.err().contains("--bits 12: --hardware loihi holds 8-bit weights"), bits.err());
        TrainCommandTest.Outcome delay = run("train", "--dataset", "delay", "--hardware", "loihi", "--max-delay", "70");
        assertTrue(delay.code() == 2 && delay.err().contains("--max-delay 70"), delay.err());
    }

    @Test
    void chipSimReportsBothCompletionTimesAndRefusesWhatNoCoreHolds() {
        TrainCommandTest.Outcome o = run("chip-sim", "../docs/examples/layered.json", "--cores", "3", "--duration", "0.05");
        assertEquals(0, o.code(), o.err());
        Json j = Json.parseFlat(o.out().trim());
        assertEquals(3.0, j.number("cores"));
        assertEquals(500.0, j.number("steps"));
        double barrier = j.number("barrier_s");
        double dataflow = j.number("dataflow_s");
        assertTrue(barrier > 0 && dataflow > 0, o.out());
        assertEquals(barrier / dataflow, j.number("speedup"), 1e-9 * barrier / dataflow);
        // the layered example's zero-delay chain input -> hidden -> output: a barrier serializes it within a step
        assertTrue(j.number("barrier_zero_delay_chains_s") > 0, o.out());
        assertTrue(o.out().contains("\"per_core\":[{\"core\":0,\"population\":\"hidden\""), o.out());
        TrainCommandTest.Outcome tight = run("chip-sim", "../docs/examples/layered.json", "--cores", "3",
                "--core-synapses", "5", "--duration", "0.01");
        assertEquals(2, tight.code());
        assertTrue(tight.err().startsWith("snn4j: core budget of 5 synapses: neuron "), tight.err());
        TrainCommandTest.Outcome few = run("chip-sim", "cuba", "--cores", "2", "--duration", "0.01");
        assertEquals(2, few.code());
        assertTrue(few.err().contains("cores 2: the network needs at least 8 cores"), few.err());
        TrainCommandTest.Outcome huge = run("chip-sim", "cuba", "--cores", "8", "--duration", "1e9");
        assertEquals(2, huge.code());
        assertTrue(huge.err().startsWith("snn4j: steps 10000000000000: must be in [1, "), huge.err());
        TrainCommandTest.Outcome none = run("chip-sim", "nothing.json", "--cores", "2");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("WORKLOAD 'nothing.json': no such file, and not cuba, sparse or narma"),
                none.err());
    }

    /** Without the snn4j-spark module on the class path (as here), --spark says what to do, exit 2. */
    @Test
    void sparkWithoutItsModuleIsABadInputNamingTheWayToRunIt() {
        TrainCommandTest.Outcome o = run("narma", "--quick", "--models", "esn", "--spark", "local[2]", "--no-progress");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().startsWith("snn4j: --spark: the snn4j-spark module is not on the class path; run through"
                + " ./snn4j"), o.err());
    }
}
