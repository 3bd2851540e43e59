package org.snn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snn4j.cli.Main;
import org.snn4j.reservoir.Comparison;

/** Sweeps on Spark (local[2]) give the in-process rows bitwise; they resume, report failures, refuse bad specs. */
class SweepTest {
    @TempDir
    Path dir;

    private Path spec(String name, String yaml) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, yaml);
        return p;
    }

    private static final PrintWriter QUIET = new PrintWriter(new StringWriter());

    private static List<String> files(Path out) throws Exception {
        List<String> texts = new ArrayList<>();
        for (String f : new String[] {"rows.jsonl", "rows.csv", "summary.csv", "summary.jsonl"}) {
            texts.add(Files.readString(out.resolve(f)));
        }
        return texts;
    }

    @Test
    void aNarmaGridOnSparkGivesTheInProcessRowsBitwise() throws Exception {
        SweepSpec s = SweepSpec.read(spec("narma.yaml", """
                job: narma
                grid:
                  model: [snn-delay, snn-nodelay]
                  neurons: [8, 16]
                  pair_lag: [3, 6]
                seeds: [0, 1]
                """));
        assertEquals(16, s.tasks().size());
        Sweep.Outcome local = Sweep.run(s, dir.resolve("a"), Sweep.IN_PROCESS, 1, QUIET);
        Sweep.Outcome spark = Sweep.run(s, dir.resolve("b"), SparkSweeps.executor("local[2]"), 3, QUIET);
        assertEquals(local.lines(), spark.lines());
        assertEquals(files(dir.resolve("a")), files(dir.resolve("b")));
        assertEquals(0, spark.failed());
        assertTrue(local.lines().get(0).contains("\"validation_nmse\":"), local.lines().get(0));
        // neurons has several values: the test score is plotted against it
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(dir.resolve("b/summary.png").toFile());
        assertEquals(900, png.getWidth());
        assertEquals(600, png.getHeight());
        // and a row is the comparison's own evaluation of that configuration
        Comparison.Outcome o = Comparison.evaluate(Comparison.Task.NARMA, Comparison.Model.SNN_DELAY, 8,
                java.util.Map.of("pair_lag", 3.0, "relay_fraction", 0.5), 0);
        assertTrue(local.lines().get(0).contains("\"test_nmse\":" + o.test() + ","), local.lines().get(0));
    }

    @Test
    void aTrainingSweepOnSparkGivesTheInProcessRowsBitwise() throws Exception {
        SweepSpec s = SweepSpec.read(spec("train.yaml", """
                job: train
                grid:
                  dataset: delay
                  hidden: [4, 8]
                  lr: 1e-2
                  batch: 16
                  limit: 160
                  beta: 0.5
                  bias: false
                  surrogate: fast-sigmoid:5
                seeds: 2
                """));
        Sweep.Outcome local = Sweep.run(s, dir.resolve("a"), Sweep.IN_PROCESS, 1, QUIET);
        Sweep.Outcome spark = Sweep.run(s, dir.resolve("b"), SparkSweeps.executor("local[2]"), 3, QUIET);
        assertEquals(4, local.lines().size());
        assertTrue(Files.exists(dir.resolve("a/summary.png")), "hidden has two values");
        assertEquals(local.lines(), spark.lines());
        assertEquals(files(dir.resolve("a")), files(dir.resolve("b")));
        assertTrue(local.lines().get(0).contains("\"test_accuracy\":"), local.lines().get(0));
    }

    @Test
    void anAsyncStudyCellOnSparkGivesTheInProcessRowsBitwise() throws Exception {
        SweepSpec s = SweepSpec.read(spec("async.yaml", """
                job: async-study
                grid:
                  dataset: delay
                  hidden: 6
                  lr: 1e-2
                  batch: 16
                  limit: 96
                  beta: 0.5
                  bias: false
                  train_mode: [layered, momentum]
                  execution: [synchronous, random]
                  decision: [end, first-spike]
                  eval_limit: 20
                """));
        Sweep.Outcome local = Sweep.run(s, dir.resolve("a"), Sweep.IN_PROCESS, 1, QUIET);
        Sweep.Outcome spark = Sweep.run(s, dir.resolve("b"), SparkSweeps.executor("local[2]"), 3, QUIET);
        assertEquals(8, local.lines().size());
        assertEquals(0, local.failed(), local.lines().toString());
        assertEquals(local.lines(), spark.lines());
        assertTrue(local.lines().get(1).contains("\"latency_cycles\":"), local.lines().get(1));
    }

    @Test
    void aStoppedSweepResumesWithoutRerunningFinishedTasksAndEndsAsAnUninterruptedOne() throws Exception {
        SweepSpec s = SweepSpec.read(spec("mc.yaml", """
                job: memory-capacity
                grid:
                  model: esn
                  neurons: [8, 12, 16]
                seeds: 2
                """));
        Sweep.run(s, dir.resolve("whole"), Sweep.IN_PROCESS, 1, QUIET);
        // the driver dies after 4 of the 6 tasks: their rows are on disk, the run never ends
        AtomicInteger ran = new AtomicInteger();
        Sweep.Executor dying = (tasks, rows, attempts) -> {
            for (SweepTask t : tasks) {
                if (ran.get() == 4) {
                    throw new IllegalStateException("driver killed");
                }
                Sweep.execute(t, rows.toString(), 0, attempts);
                ran.incrementAndGet();
            }
            return List.of();
        };
        assertThrows(IllegalStateException.class, () -> Sweep.run(s, dir.resolve("stopped"), dying, 1, QUIET));
        AtomicInteger second = new AtomicInteger();
        Sweep.Executor counting = (tasks, rows, attempts) -> {
            second.addAndGet(tasks.size());
            return SparkSweeps.executor("local[2]").run(tasks, rows, attempts);
        };
        Sweep.Outcome resumed = Sweep.run(s, dir.resolve("stopped"), counting, 1, QUIET);
        assertEquals(2, second.get());
        assertEquals(4, resumed.reused());
        assertEquals(2, resumed.ran());
        assertEquals(files(dir.resolve("whole")), files(dir.resolve("stopped")));
        // a different spec may not continue in that folder
        SweepSpec other = SweepSpec.read(spec("mc2.yaml", "job: memory-capacity\ngrid: {model: esn, neurons: 8}\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sweep.run(other, dir.resolve("stopped"), Sweep.IN_PROCESS, 1, QUIET));
        assertTrue(e.getMessage().contains("holds another sweep"), e.getMessage());
    }

    @Test
    void aTaskThatKeepsFailingIsReportedWithItsOptionsWhileTheOthersFinish() throws Exception {
        Path net = Path.of("../docs/examples/layered.json").toAbsolutePath().normalize();
        SweepSpec s = SweepSpec.read(spec("run.yaml", "job: run\ngrid:\n  file: [" + net + ", " + dir.resolve("gone.json")
                + "]\n  duration: 0.05\nseeds: 2\n"));
        StringWriter err = new StringWriter();
        Sweep.Outcome o = Sweep.run(s, dir.resolve("out"), SparkSweeps.executor("local[2]"), 2, new PrintWriter(err, true));
        assertEquals(2, o.failed());
        assertTrue(o.lines().get(0).contains("\"status\":\"ok\""), o.lines().get(0));
        assertTrue(o.lines().get(2).contains("\"status\":\"failed\"") && o.lines().get(2).contains("\"attempts\":2"),
                o.lines().get(2));
        assertTrue(err.toString().contains("(file=" + dir.resolve("gone.json") + ",duration=0.05,seed=0) failed after 2"
                + " attempt(s)"), err.toString());
        assertTrue(!Files.exists(dir.resolve("out/summary.png")), "no numeric option of several values: no plot");
        // only finished rows are kept: a new run tries the failed tasks again
        assertEquals(2, Files.list(dir.resolve("out/rows")).count());
    }

    @Test
    void aNetworkFileOverParameterValues() throws Exception {
        Path net = Path.of("../docs/examples/layered.json").toAbsolutePath().normalize();
        SweepSpec s = SweepSpec.read(spec("set.yaml", "job: run\ngrid:\n  file: " + net + "\n  duration: 0.1\n"
                + "  set.sources.0.poisson.rate_hz: [20, 80]\n"));
        Sweep.Outcome o = Sweep.run(s, dir.resolve("out"), Sweep.IN_PROCESS, 1, QUIET);
        assertEquals(0, o.failed(), o.lines().toString());
        assertTrue(Files.exists(dir.resolve("out/summary.png")), "the rate has two values");
        // the same as the file edited by hand
        String edited = Files.readString(net).replace("\"rate_hz\": 50", "\"rate_hz\": 80");
        Path copy = dir.resolve("layered-80.json");
        Files.writeString(copy, edited);
        long spikes = org.snn4j.engine.EngineOptions.CLOCK.create(org.snn4j.io.NetworkFiles.read(copy, 0L, null).network(),
                1e-4).run(0.1).cost().spikes();
        assertTrue(o.lines().get(1).contains("\"spikes\":" + spikes + ","), o.lines().get(1) + " vs " + spikes);
        assertTrue(!o.lines().get(0).contains("\"spikes\":" + spikes + ","), o.lines().get(0));
        SweepSpec typo = SweepSpec.read(spec("typo.yaml", "job: run\ngrid:\n  file: " + net + "\n"
                + "  set.sources.0.poisson.rate: 5\n"));
        Sweep.Outcome bad = Sweep.run(typo, dir.resolve("typo"), Sweep.IN_PROCESS, 1, QUIET);
        assertTrue(bad.lines().get(0).contains("override 'sources.0.poisson.rate': the file has no 'rate' at"
                + " 'sources.0.poisson'"), bad.lines().get(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "job: nope|field 'job': job 'nope': expected one of [narma, memory-capacity, train, run, async-study]",
        "job: narma\\ngrid: {neuronz: [5]}|field 'grid.neuronz': job narma has no option 'neuronz'",
        "job: narma\\ngrid: {neurons: []}|field 'grid.neurons': an empty list of values",
        "job: narma\\ngrid: {neurons: [ten]}|field 'grid.neurons': value \"ten\" is not an integer",
        "job: narma\\ngrid: {neurons: [5.5]}|field 'grid.neurons': value 5.5 is not an integer",
        "job: narma\\nseed: 3|unknown field 'seed' (expected job, grid, seeds)",
        "job: narma\\nseeds: []|field 'seeds': [] is neither a count nor a non-empty list of integers",
        "job: narma\\ngrid: {model: esn, pair_lag: [3]}|option 'pair_lag' does not apply to model esn",
        "job: narma\\ngrid: {neurons: 1}|grid point {neurons=1}: neurons 1: must be in [2, 100000]",
        "job: narma\\njob: train|not valid YAML: Duplicate field 'job'"})
    void badSpecsAreOneLineNamingTheFileTheFieldAndTheValueWithExitCode2(String yaml, String message) throws Exception {
        Path p = spec("bad.yaml", yaml.replace("\\n", "\n"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"sweep", p.toString(), "--out", dir.resolve("o").toString(), "--in-process"},
                new PrintWriter(out, true), new PrintWriter(err, true), new SweepCommand());
        assertEquals(2, code, err.toString());
        String line = err.toString().strip();
        assertTrue(line.startsWith("snn4j: sweep spec " + p + ": ") && line.contains(message) && !line.contains("\n"),
                line);
    }

    @Test
    void theCommandLinePrintsTheSummaryAndWritesTheTables() throws Exception {
        Path p = spec("s.yaml", "job: narma\ngrid: {model: esn, neurons: [6, 8]}\nseeds: 2\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"sweep", p.toString(), "--out", dir.resolve("o").toString(), "--master",
            "local[2]"}, new PrintWriter(out, true), new PrintWriter(err, true), new SweepCommand());
        assertEquals(0, code, err.toString());
        List<String> lines = out.toString().strip().lines().toList();
        assertEquals(3, lines.size(), out.toString());
        assertTrue(lines.get(0).startsWith("model  neurons  seeds_ok  seeds_failed  validation_nmse"), lines.get(0));
        assertTrue(err.toString().contains("sweep: 4 tasks: 0 taken from"), err.toString());
        assertEquals(5, Files.readString(dir.resolve("o/rows.csv")).lines().count(), Files.readString(dir.resolve("o/rows.csv")));
    }

    @Test
    void theReservoirComparisonOnSparkGivesTheRowsOfItsThreads() throws Exception {
        List<Comparison.Model> models = List.of(Comparison.Model.ESN, Comparison.Model.SNN_DELAY);
        List<Comparison.Row> threads = Comparison.run(Comparison.Task.NARMA, models, new int[] {8}, 2,
                Comparison.threads(2), (d, t) -> { });
        List<Comparison.Row> spark = Comparison.run(Comparison.Task.NARMA, models, new int[] {8}, 2,
                new SparkSweeps().comparison("local[2]"), (d, t) -> { });
        assertEquals(threads.size(), spark.size());
        for (int i = 0; i < threads.size(); i++) {
            assertEquals(threads.get(i).setting(), spark.get(i).setting());
            assertArrayEquals(threads.get(i).scorePerSeed(), spark.get(i).scorePerSeed());
            assertArrayEquals(threads.get(i).prediction(), spark.get(i).prediction());
        }
    }

    @Test
    void localMastersGetTheirRetriesAndOthersAreLeftAlone() {
        assertEquals("local[*,3]", SparkSweeps.master("local[*]", 3));
        assertEquals("local[2,1]", SparkSweeps.master("local[2]", 1));
        assertEquals("local[1,4]", SparkSweeps.master("local", 4));
        assertEquals("local[2,5]", SparkSweeps.master("local[2,5]", 3));
        assertEquals("spark://host:7077", SparkSweeps.master("spark://host:7077", 3));
        assertEquals("yarn", SparkSweeps.master("yarn", 3));
    }
}
