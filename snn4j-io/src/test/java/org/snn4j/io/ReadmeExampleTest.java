package org.snn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.snn4j.engine.Engine;
import org.snn4j.engine.EngineOptions;
import org.snn4j.engine.Monitor;
import org.snn4j.engine.RunResult;
import org.snn4j.engine.Scheduler;

/**
 * The README's Java example of loading a network file and running it on either engine, compiled and
 * run here; the README must show the lines between the markers as they are.
 */
class ReadmeExampleTest {
    private static List<RunResult> example(Path examples) {
        List<RunResult> results = new ArrayList<>();
        // README begin
        NetworkFile file = NetworkFiles.read(examples.resolve("layered.json"));
        for (EngineOptions how : List.of(EngineOptions.CLOCK, EngineOptions.EVENT,
                EngineOptions.event(Scheduler.MOMENTUM, 1))) {
            Engine engine = how.create(file.network(), file.dtSeconds()).record(Monitor.spikes("output"));
            RunResult r = engine.run(0.5);
            System.out.println(how.kind() + " " + how.scheduleName() + ": " + r.cost().spikes() + " spikes, "
                    + r.cost().synOps() + " SynOps, " + engine.cycles() + " cycles");
            results.add(r);
        }
        // README end
        return results;
    }

    @Test
    void theExampleRunsAndBothEnginesGiveTheSameSpikesUnderTheSynchronousSchedule() {
        List<RunResult> r = example(Path.of("../docs/examples"));
        assertEquals(3, r.size());
        assertArrayEquals(r.get(0).spikes("output").steps(), r.get(1).spikes("output").steps());
        assertArrayEquals(r.get(0).spikes("output").neurons(), r.get(1).spikes("output").neurons());
        assertEquals(r.get(0).cost().synOps(), r.get(1).cost().synOps());
        assertTrue(r.get(2).cost().spikes() > 0);
    }

    @Test
    void theReadmeShowsTheExampleAsCompiledHere() throws Exception {
        List<String> source = Files.readAllLines(Path.of("src/test/java/org/snn4j/io/ReadmeExampleTest.java"));
        int from = source.indexOf("        // README begin");
        int to = source.indexOf("        // README end");
        String block = source.subList(from + 1, to).stream().map(l -> l.substring(Math.min(8, l.length())))
                .collect(Collectors.joining("\n"));
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(readme.contains(block), "README.md should contain, as it is:\n" + block);
    }
}
