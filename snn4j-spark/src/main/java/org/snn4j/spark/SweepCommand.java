package org.snn4j.spark;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code snn4j sweep SPEC --out DIR}: a grid of tasks of one job as a Spark job (local[*] by default). */
@Command(name = "sweep", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Runs a sweep: a job (narma, memory-capacity, train, run, async-study) over a grid of option values and "
                + "seeds, as Spark tasks on --master (local[*]: an embedded Spark using every core; spark://, yarn, "
                + "k8s://: a cluster, where --out must be a shared folder). Every finished task's row is written to "
                + "DIR/rows/ at once; run the same command again to continue a stopped sweep (finished tasks are "
                + "not run again). A failing task is retried, then reported with its options while the others "
                + "finish (exit code 1). Writes DIR/rows.jsonl, rows.csv, summary.csv, summary.jsonl (per grid "
                + "point: mean and std over the seeds), summary.png (the first metric against a numeric option of "
                + "several values) and prints the summary.",
                "SPEC (YAML): job: narma / grid: {model: [snn-delay, esn], neurons: [50, 100]} / seeds: 3. Options "
                + "per job: narma and memory-capacity: model, neurons, spectral_radius, input_scale, bias_scale "
                + "(esn), weight_exc, input_scale (snn-recurrent), pair_lag, relay_fraction (snn-delay, "
                + "snn-nodelay); train: dataset, data, steps, hidden, beta, tau_syn_steps, lr, batch, epochs, limit, "
                + "delays, bias, surrogate; run: file, duration, engine, set.PATH (a value of the network file, e.g. "
                + "set.populations.0.neuron.tau_mem_s); async-study: train's options and train_mode "
                + "(layered, random, momentum, fifo), execution (synchronous, random, momentum, fifo), group, decision "
                + "(end, first-spike), eval_limit, energy."})
public final class SweepCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "the sweep spec (YAML or JSON)")
    Path specFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the sweep's folder (made if needed)")
    Path out;

    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master: local[*], local[N], "
            + "spark://HOST:PORT, yarn, k8s://...")
    String master;

    @Option(names = "--max-attempts", defaultValue = "3", description = "attempts at a task before it is reported failed")
    int maxAttempts;

    @Option(names = "--in-process", description = "run the tasks one after another in this process, without Spark "
            + "(the same rows)")
    boolean inProcess;

    @Override
    public Integer call() throws Exception {
        SweepSpec sweep = SweepSpec.read(specFile);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + ": not a folder");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Sweep.Executor executor = inProcess ? Sweep.IN_PROCESS : SparkSweeps.executor(master);
        long t0 = System.nanoTime();
        Sweep.Outcome o = Sweep.run(sweep, out, executor, maxAttempts, err);
        for (String line : o.summary()) {
            stdout.println(line);
        }
        err.printf("sweep: %d tasks: %d taken from %s, %d run (%s), %d failed; %.1f s%n", o.tasks(), o.reused(),
                out.resolve("rows"), o.ran(), inProcess ? "in process" : master, o.failed(),
                (System.nanoTime() - t0) * 1e-9);
        stdout.flush();
        return o.failed() > 0 ? 1 : 0;
    }
}
