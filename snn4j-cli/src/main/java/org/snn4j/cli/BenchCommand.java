package org.snn4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.snn4j.engine.Cost;
import org.snn4j.engine.Engines;
import org.snn4j.model.Network;
import org.snn4j.reference.SparseActivity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code snn4j bench cuba}: runs the CUBA benchmark repeatedly, each run a fresh process (so the
 * process time includes JVM start-up and JIT warm-up, as a user sees it), optionally interleaved with
 * the Brian2 peer script run the same way, and reports medians and the ratio taken in the same run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Benchmarks a reference task side by side with its peers, each run a fresh process.",
            "Task 'cuba': the CUBA network at several sizes and durations; with --brian2 the Brian2 peer "
                + "script runs interleaved with snn4j, so that the ratio is taken on the same machine at the same time.",
            "Task 'sparse': a network of resting neurons driven at a chosen activity (--neurons, --activity: the "
                + "fraction of neurons spiking per step) on the clock and the event engine in this process; one JSON "
                + "object per size with t_loop_clock_s, t_loop_async_s, spikes_clock, spikes_async, "
                + "neuron_updates_clock, neuron_updates_async.",
            "Task 'nir': every .nir file in --nir-dir read, mapped (lenient) and run for --steps steps on both engines "
                + "with Poisson inputs at 2%% of the inputs per step, at dt 1 s where the file holds IF nodes or time "
                + "constants of a second or more (time in steps), else 1e-4 s; one JSON object per file with its nodes, "
                + "neurons, synapses, t_read_s, t_map_s, t_run_clock_s, t_run_event_s (medians) and the run's cost.",
            "Task 'train': one epoch of Fashion-MNIST 784-256-10 on the first --limit samples (T 25, batch 128) by "
                + "snn4j (layered, and with --unlayered also the random and momentum schedules) and by the plain "
                + "PyTorch peer (--peer snn_fmnist.py, 2 threads) on the same samples, interleaved, each a fresh "
                + "process; one JSON object per run, then the medians and the ratios."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TASK", description = "the benchmark: cuba, sparse, nir or train")
    String task;

    @Option(names = "--neurons", split = ",", defaultValue = "1000,10000,100000", paramLabel = "N[,N...]",
            description = "sparse: network sizes")
    int[] sparseNeurons;

    @Option(names = "--activity", defaultValue = "0.0005", description = "sparse: fraction of neurons spiking per "
            + "step (i.e. 5 Hz at dt = 0.1 ms)")
    double activity;

    @Option(names = "--duration", defaultValue = "1.0", paramLabel = "SECONDS",
            description = "sparse: simulated time")
    double sparseDuration;

    @Option(names = "--configs", defaultValue = "4000x1,4000x10,40000x1", split = ",", paramLabel = "NxSECONDS",
            description = "network sizes and simulated durations")
    List<String> configs;

    @Option(names = "--repeat", defaultValue = "3", description = "runs per configuration and engine or tool; medians are reported")
    int repeat;

    @Option(names = "--threads", defaultValue = "1", split = ",", paramLabel = "T[,T...]",
            description = "snn4j worker threads; cuba: several counts run interleaved, each compared with the first")
    int[] threads;

    @Option(names = "--brian2-threads", defaultValue = "1", paramLabel = "T",
            description = "OpenMP threads of the Brian2 C++ standalone peer (brian_cuba_standalone.py)")
    int brianThreads;

    @Option(names = "--seed", defaultValue = "1", description = "network seed")
    long seed;

    @Option(names = "--brian2", paramLabel = "SCRIPT", description = "the Brian2 peer script: brian_cuba.py "
            + "(Cython runtime) or brian_cuba_standalone.py (C++ standalone, --brian2-threads); without it only snn4j"
            + " runs")
    Path brian2;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "the Python that has Brian2 (Debian's python3-brian)")
    String python;

    @Option(names = "--brian2-cache", defaultValue = "target/brian-cache", paramLabel = "DIR",
            description = "Brian2's Cython cache; one unmeasured warm-up run per configuration fills it")
    Path brianCache;

    @Option(names = "--nir-dir", defaultValue = "../shared/nir", paramLabel = "DIR", description = "nir: the NIR files")
    Path nirDir;

    @Option(names = "--steps", defaultValue = "1000", description = "nir: steps per run")
    int steps;

    @Option(names = "--data", paramLabel = "DIR", description = "train: the Fashion-MNIST folder")
    Path data;

    @Option(names = "--peer", paramLabel = "SCRIPT", description = "train: the PyTorch peer script (snn_fmnist.py); "
            + "without it only snn4j runs")
    Path peer;

    @Option(names = "--limit", defaultValue = "7680", description = "train: training samples (a multiple of 128)")
    int limit;

    @Option(names = "--unlayered", description = "train: also time unlayered training (random and momentum, F = 1)")
    boolean unlayered;

    @Option(names = "--json", paramLabel = "FILE", description = "also write every run and the summary as JSON (atomically)")
    Path json;

    @Option(names = "--no-progress", description = "never show the progress bar")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        Options.output("--json", json);
        if (task.equals("sparse")) {
            return sparse();
        }
        if (task.equals("nir")) {
            return nir();
        }
        if (task.equals("train")) {
            return train();
        }
        if (!task.equals("cuba")) {
            throw new IllegalArgumentException("TASK '" + task + "': expected cuba, sparse, nir or train");
        }
        Options.atLeast("--repeat", repeat, 1);
        for (int t : threads) {
            Options.atLeast("--threads", t, 1);
        }
        Options.atLeast("--brian2-threads", brianThreads, 1);
        if (brian2 != null && !Files.isRegularFile(brian2)) {
            throw new IllegalArgumentException("--brian2 " + brian2 + ": no such file");
        }
        List<int[]> sizes = new ArrayList<>();
        List<Double> durations = new ArrayList<>();
        for (String c : configs) {
            String[] parts = c.trim().split("x");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                sizes.add(new int[] {Integer.parseInt(parts[0])});
                durations.add(Double.parseDouble(parts[1]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--configs '" + c + "': expected NxSECONDS, for example 4000x1");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Json> runs = new ArrayList<>();
        List<Json> summary = new ArrayList<>();
        out.printf("%-18s %-8s %10s %14s %12s %9s %12s%n", "config", "tool", "t_loop_s", "events/s loop", "t_total_s",
                "rate_hz", "syn_events");
        for (int c = 0; c < sizes.size(); c++) {
            int n = sizes.get(c)[0];
            double t = durations.get(c);
            String label = "N=" + n + " T=" + t + "s";
            if (brian2 != null) {
                err.println("bench: " + label + ": Brian2 warm-up run (fills its Cython cache)");
                runProcess(brianCommand(n, t));
            }
            List<List<Json>> mine = new ArrayList<>();
            for (int k = 0; k < threads.length; k++) {
                mine.add(new ArrayList<>());
            }
            List<Json> theirs = new ArrayList<>();
            for (int r = 0; r < repeat; r++) {
                err.printf("bench: %s: run %d/%d%n", label, r + 1, repeat);
                for (int k = 0; k < threads.length; k++) {
                    Json s = runProcess(snn4jCommand(n, t, threads[k])).put("run", r + 1);
                    mine.get(k).add(s);
                    runs.add(s);
                }
                if (brian2 != null) {
                    Json b = runProcess(brianCommand(n, t)).put("run", r + 1);
                    theirs.add(b);
                    runs.add(b);
                }
            }
            Json first = null;
            // the last thread count's medians are compared with Brian2 below
            Json ms = null;
            for (int k = 0; k < threads.length; k++) {
                ms = median("snn4j", label, n, t, mine.get(k), "t_total_process_s").put("threads", threads[k]);
                summary.add(ms);
                print(out, label, threads.length == 1 ? "snn4j" : "snn4j " + threads[k] + "t", ms);
                if (k == 0) {
                    first = ms;
                } else {
                    double speedup = first.number("t_loop_s") / ms.number("t_loop_s");
                    ms.put("loop_speedup_vs_" + threads[0] + "_threads", speedup);
                    out.printf("%-18s %d threads / %d: %.2fx loop speed (medians)%n", label, threads[k], threads[0],
                            speedup);
                }
            }
            if (brian2 != null) {
                Json bs = median("brian2", label, n, t, theirs, "t_total_script");
                summary.add(bs);
                print(out, label, "brian2", bs);
                double ratio = ms.number("events_per_loop_s") / bs.number("events_per_loop_s");
                double processRatio = bs.number("t_total_s") / ms.number("t_total_s");
                ms.put("loop_speedup_vs_brian2", ratio).put("process_speedup_vs_brian2", processRatio);
                out.printf("%-18s snn4j/brian2: %.1fx synaptic events per loop second, %.1fx faster whole process%n",
                        label, ratio, processRatio);
            }
            out.flush();
        }
        if (json != null) {
            Json all = new Json().put("task", "cuba").put("repeat", repeat).put("threads", Arrays.toString(threads))
                    .put("java", Runtime.version().toString()).put("cores", Runtime.getRuntime().availableProcessors())
                    .put("summary", summary).put("runs", runs);
            AtomicFiles.writeText(json, all.toString());
        }
        return 0;
    }

    /**
     * Both engines on the sparse-activity network, in this process, after a short warm-up of each;
     * each engine runs --repeat times (interleaved) and the median loop time is reported.
     */
    private Integer sparse() {
        Options.nonNegative("--duration", sparseDuration);
        Options.atLeast("--repeat", repeat, 1);
        PrintWriter out = spec.commandLine().getOut();
        double dt = SparseActivity.DT_SECONDS;
        Network warm = SparseActivity.network(1000, activity, seed);
        Engines.clock(warm, dt).run(0.2);
        Engines.event(warm, dt).run(0.2);
        Engines.event(warm, dt).closedFormCatchUp(true).run(0.2);
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "bench sparse", !noProgress);
        long runs = (long) sparseNeurons.length * repeat * 3;
        long done = 0;
        for (int n : sparseNeurons) {
            Options.atLeast("--neurons", n, 2);
            Network net = SparseActivity.network(n, activity, seed);
            List<Supplier<Cost>> engines = List.of(() -> Engines.clock(net, dt).run(sparseDuration).cost(),
                    () -> Engines.event(net, dt).run(sparseDuration).cost(),
                    () -> Engines.event(net, dt).closedFormCatchUp(true).run(sparseDuration).cost());
            Cost[] cost = new Cost[engines.size()];
            double[][] loop = new double[engines.size()][repeat];
            for (int r = 0; r < repeat; r++) {
                for (int e = 0; e < engines.size(); e++) {
                    cost[e] = engines.get(e).get();
                    loop[e][r] = cost[e].loopSeconds();
                    bar.progress(++done, runs);
                }
            }
            Cost clock = cost[0];
            Cost event = cost[1];
            Cost closed = cost[2];
            out.println(new Json().put("task", "sparse").put("neurons", n).put("activity", activity)
                    .put("duration_s", sparseDuration).put("seed", seed).put("repeat", repeat)
                    .put("t_loop_clock_s", median(loop[0])).put("t_loop_async_s", median(loop[1]))
                    .put("spikes_clock", clock.spikes()).put("spikes_async", event.spikes())
                    .put("neuron_updates_clock", clock.neuronUpdates()).put("neuron_updates_async", event.neuronUpdates())
                    .put("t_loop_async_closed_form_s", median(loop[2]))
                    .put("spikes_async_closed_form", closed.spikes())
                    .put("neuron_updates_async_closed_form", closed.neuronUpdates())
                    .put("syn_ops", event.synOps())
                    .put("syn_ops_per_neuron_per_step", event.synOps() / ((double) n * event.steps()))
                    .put("java", Runtime.version().toString()));
            out.flush();
        }
        return 0;
    }

    /** One epoch of training by snn4j and by the PyTorch peer, interleaved, with the ratio of their samples/s. */
    private Integer train() throws Exception {
        Options.atLeast("--repeat", repeat, 1);
        if (data == null || !Files.isDirectory(data)) {
            throw new IllegalArgumentException("--data " + data + ": the Fashion-MNIST folder is required");
        }
        if (peer != null && !Files.isRegularFile(peer)) {
            throw new IllegalArgumentException("--peer " + peer + ": no such file");
        }
        if (limit < 128 || limit % 128 != 0) {
            throw new IllegalArgumentException("--limit " + limit + ": a positive multiple of the batch, 128");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<String> kinds = new ArrayList<>(List.of("layered"));
        if (unlayered) {
            kinds.addAll(List.of("random", "momentum"));
        }
        if (peer != null) {
            kinds.add("pytorch");
        }
        java.util.Map<String, double[]> seconds = new java.util.LinkedHashMap<>();
        for (String k : kinds) {
            seconds.put(k, new double[repeat]);
        }
        for (int r = 0; r < repeat; r++) {
            for (String k : kinds) {
                Json run;
                if (k.equals("pytorch")) {
                    run = runProcess(List.of(python, peer.toString(), "--impl", "plain", "--max-train-batches",
                            Integer.toString(limit / 128), "--no-test", "--threads", "2", "--epochs", "1", "--data",
                            data.toString()));
                } else {
                    List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--limit",
                            Integer.toString(limit), "--epochs", "1", "--no-progress"));
                    if (!k.equals("layered")) {
                        args.addAll(List.of("--execution", k, "--group", "1"));
                    }
                    run = runProcess(snn4jCommand(args));
                }
                seconds.get(k)[r] = run.number("t_epoch_s");
                out.println(new Json().put("task", "train").put("run", k).put("repeat", r).put("samples", limit)
                        .put("t_epoch_s", seconds.get(k)[r]).put("samples_per_s", limit / seconds.get(k)[r]));
                out.flush();
            }
        }
        Json summary = new Json().put("task", "train").put("summary", true).put("samples", limit).put("repeat", repeat);
        double layered = median(seconds.get("layered"));
        for (String k : kinds) {
            summary.put("t_epoch_" + k + "_s", median(seconds.get(k)));
        }
        if (peer != null) {
            summary.put("speedup_vs_pytorch", median(seconds.get("pytorch")) / layered);
        }
        if (unlayered) {
            summary.put("random_over_layered", median(seconds.get("random")) / layered)
                    .put("momentum_over_layered", median(seconds.get("momentum")) / layered);
        }
        out.println(summary);
        return 0;
    }

    /** Read, map and run time of each NIR file, and the cost of its run. */
    private Integer nir() throws java.io.IOException {
        Options.atLeast("--repeat", repeat, 1);
        Options.atLeast("--steps", steps, 1);
        if (!Files.isDirectory(nirDir)) {
            throw new IllegalArgumentException("--nir-dir " + nirDir + ": no such folder");
        }
        List<Path> files;
        try (java.util.stream.Stream<Path> list = Files.list(nirDir)) {
            files = list.filter(p -> p.toString().endsWith(".nir")).sorted().toList();
        }
        PrintWriter out = spec.commandLine().getOut();
        org.snn4j.io.NirNetworks.Options options = org.snn4j.io.NirNetworks.Options.fromFile().lenient(true);
        for (Path file : files) {
            double[][] t = new double[4][repeat];
            org.snn4j.io.NirGraph graph = null;
            org.snn4j.model.Network net = null;
            Cost cost = null;
            double dt = 1e-4;
            for (int r = -1; r < repeat; r++) { // run -1 warms the JIT up
                long t0 = System.nanoTime();
                graph = org.snn4j.io.NirFiles.read(file);
                long t1 = System.nanoTime();
                dt = stepUnits(graph) ? 1 : 1e-4;
                double rate = 0.02 / dt;
                net = org.snn4j.io.NirNetworks.toNetwork(graph, dt, options, (name, size) ->
                        org.snn4j.model.SpikeSource.poisson(name, size, rate), seed);
                long t2 = System.nanoTime();
                org.snn4j.engine.RunResult clock = org.snn4j.engine.Engines.clock(net, dt).runSteps(steps);
                long t3 = System.nanoTime();
                org.snn4j.engine.RunResult event = org.snn4j.engine.Engines.event(net, dt).runSteps(steps);
                long t4 = System.nanoTime();
                if (clock.cost().spikes() != event.cost().spikes()) {
                    throw new IllegalStateException(file + ": the engines disagree on the spikes");
                }
                cost = clock.cost();
                if (r >= 0) {
                    t[0][r] = (t1 - t0) * 1e-9;
                    t[1][r] = (t2 - t1) * 1e-9;
                    t[2][r] = (t3 - t2) * 1e-9;
                    t[3][r] = (t4 - t3) * 1e-9;
                }
            }
            out.println(new Json().put("task", "nir").put("file", file.getFileName().toString())
                    .put("nodes", graph.nodes().size()).put("populations", net.populations().size())
                    .put("neurons", net.neuronCount()).put("synapses", net.synapseCount()).put("dt_s", dt)
                    .put("steps", steps).put("t_read_s", median(t[0])).put("t_map_s", median(t[1]))
                    .put("t_run_clock_s", median(t[2])).put("t_run_event_s", median(t[3]))
                    .put("spikes", cost.spikes()).put("syn_ops", cost.synOps()).put("neuron_updates", cost.neuronUpdates())
                    .put("energy_j", org.snn4j.engine.EnergyProfile.LOIHI.joules(cost)).put("java", Runtime.version().toString()));
            out.flush();
        }
        return 0;
    }

    /** Whether a graph gives time in steps: IF nodes (Sinabs) or time constants of a second or more (Rockpool). */
    private static boolean stepUnits(org.snn4j.io.NirGraph g) {
        for (org.snn4j.io.NirGraph.Node n : g.nodes().values()) {
            if (n.type().equals("IF")) {
                return true;
            }
            for (String tau : new String[] {"tau", "tau_mem", "tau_syn"}) {
                if (n.has(tau) && n.field(tau).values()[0] >= 1) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static void print(PrintWriter out, String label, String tool, Json m) {
        out.printf("%-18s %-8s %10.4f %13.1fM %12.3f %9.2f %12d%n", label, tool, m.number("t_loop_s"),
                m.number("events_per_loop_s") / 1e6, m.number("t_total_s"), m.number("rate_hz"),
                (long) m.number("syn_events"));
    }

    /** Medians over the runs of the fields that both tools report. */
    private static Json median(String tool, String label, int n, double t, List<Json> runs, String totalField) {
        Json m = new Json().put("tool", tool).put("config", label).put("neurons", n).put("duration_s", t)
                .put("runs", runs.size());
        for (String f : new String[] {"t_loop", "t_loop_s"}) {
            double v = med(runs, f);
            if (!Double.isNaN(v)) {
                m.put("t_loop_s", v);
            }
        }
        m.put("events_per_loop_s", med(runs, "events_per_loop_s"));
        m.put("t_total_s", med(runs, totalField));
        m.put("rate_hz", med(runs, "rate_hz"));
        m.put("syn_events", (long) med(runs, "syn_events"));
        return m;
    }

    private static double med(List<Json> runs, String field) {
        double[] v = runs.stream().mapToDouble(j -> j.number(field)).filter(x -> !Double.isNaN(x)).toArray();
        return v.length == 0 ? Double.NaN : median(v);
    }

    /** This JVM's own command (same java, flags and class path), running {@code cuba}. */
    private List<String> snn4jCommand(int n, double t, int threadCount) {
        return snn4jCommand(Arrays.asList("cuba", "--neurons", Integer.toString(n), "--duration", Double.toString(t),
                "--seed", Long.toString(seed), "--threads", Integer.toString(threadCount), "--no-progress"));
    }

    /** This JVM's own command (same java, flags and class path), running snn4j with the given arguments. */
    private List<String> snn4jCommand(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-XX:ArchiveClassesAtExit") && !a.startsWith("-Dsnn4j.startEpochNanos")) {
                cmd.add(a);
            }
        }
        cmd.add(START_PROPERTY_PLACEHOLDER);
        cmd.addAll(Arrays.asList("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        return cmd;
    }

    /** The Brian2 peer: the Cython runtime script, or the C++ standalone one (its own build folder per size). */
    private List<String> brianCommand(int n, double t) {
        if (brian2.getFileName().toString().contains("standalone")) {
            return Arrays.asList(python, "-W", "ignore", brian2.toString(), "--N", Integer.toString(n), "--duration",
                    Double.toString(t), "--seed", Long.toString(seed), "--threads", Integer.toString(brianThreads),
                    "--dir", brianCache.resolve("standalone-" + n + "-" + t + "-" + brianThreads).toString());
        }
        return Arrays.asList(python, "-W", "ignore", brian2.toString(), "--target", "cython", "--N",
                Integer.toString(n), "--duration", Double.toString(t), "--seed", Long.toString(seed), "--cache-dir",
                brianCache.toString());
    }

    /** Stands for the child's start clock reading, filled in just before it starts. */
    private static final String START_PROPERTY_PLACEHOLDER = "-Dsnn4j.startEpochNanos=";

    /** Runs a command and parses the last line of its output that is a JSON object. */
    private static Json runProcess(List<String> command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(command);
        int at = cmd.indexOf(START_PROPERTY_PLACEHOLDER);
        if (at >= 0) {
            cmd.set(at, START_PROPERTY_PLACEHOLDER
                    + java.time.Duration.between(java.time.Instant.EPOCH, java.time.Instant.now()).toNanos());
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String last = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("{")) {
                    last = line;
                }
            }
        }
        int code = p.waitFor();
        if (code != 0 || last == null) {
            throw new IllegalStateException("benchmark run failed (exit " + code + "): " + String.join(" ", command));
        }
        return Json.parseFlat(last);
    }

}
