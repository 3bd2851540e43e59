package org.snn4j.spark;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.snn4j.cli.DistributedRunner;
import org.snn4j.reservoir.Comparison;

/**
 * Sweeps and the reservoir comparison's runs as Spark jobs: one Spark task per sweep task, results
 * collected in the tasks' order. {@code local[*]} runs an embedded Spark in this process; any other
 * master (spark://, yarn, k8s://) runs on that cluster, where {@code --out} must be a folder every
 * executor can write (a shared file system).
 */
public final class SparkSweeps implements DistributedRunner {
    /**
     * A local master with its task attempts: Spark's local mode retries only as {@code local[N,F]}
     * says, so {@code local[N]} becomes {@code local[N,maxAttempts]}.
     */
    static String master(String master, int maxAttempts) {
        if (master.equals("local")) {
            return "local[1," + maxAttempts + "]";
        }
        if (master.matches("local\\[(\\*|\\d+)]")) {
            return master.substring(0, master.length() - 1) + "," + maxAttempts + "]";
        }
        return master;
    }

    /** Runs {@code work} with a Spark context on the master (stopped afterwards). */
    static <T> T withSpark(String master, int maxAttempts, Function<JavaSparkContext, T> work) {
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("--master: empty; expected local[*], spark://HOST:PORT, yarn, k8s://...");
        }
        SparkConf conf = new SparkConf().setAppName("snn4j sweep").setMaster(master(master, maxAttempts))
                .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
                .set("spark.task.maxFailures", Integer.toString(maxAttempts));
        if (master.startsWith("local")) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("ERROR");
            return work.apply(sc);
        }
    }

    /** A sweep executor on the master. */
    public static Sweep.Executor executor(String master) {
        return (tasks, rows, maxAttempts) -> withSpark(master, maxAttempts, sc -> {
            String folder = rows.toAbsolutePath().toString();
            return sc.parallelize(tasks, tasks.size())
                    .map(t -> Sweep.execute(t, folder, TaskContext.get().attemptNumber(), maxAttempts)).collect();
        });
    }

    @Override
    public Comparison.Runner comparison(String master) {
        return new Comparison.Runner() {
            @Override
            public List<Comparison.Outcome> runAll(List<Comparison.Run> runs, BiConsumer<Integer, Integer> progress) {
                List<Comparison.Outcome> out = withSpark(master, 1, sc -> sc.parallelize(runs, runs.size())
                        .map(Comparison::evaluate).collect());
                progress.accept(runs.size(), runs.size());
                return out;
            }
        };
    }
}
