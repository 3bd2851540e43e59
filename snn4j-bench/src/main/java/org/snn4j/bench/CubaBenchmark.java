package org.snn4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.snn4j.engine.ClockEngine;
import org.snn4j.engine.Engines;
import org.snn4j.model.Network;
import org.snn4j.reference.Cuba;

/**
 * Steady-state speed of the clock engine on the CUBA network: the time of 1000 steps (0.1 s of
 * simulated time) once the JIT has compiled the loop. Run:
 * {@code java -jar snn4j-bench/target/benchmarks.jar CubaBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CubaBenchmark {
    @Param({"4000", "40000"})
    int neurons;

    @Param({"1", "2"})
    int threads;

    private Network network;
    private ClockEngine engine;

    @Setup(Level.Trial)
    public void buildNetwork() {
        network = Cuba.network(neurons, 1);
    }

    @Setup(Level.Iteration)
    public void freshEngine() {
        engine = Engines.clock(network, Cuba.DT_SECONDS).threads(threads);
        engine.run(0.01);
    }

    /** Returns the SynOps so far, so that the work cannot be optimized away. */
    @Benchmark
    public long thousandSteps() {
        return engine.runSteps(1000, org.snn4j.engine.ProgressListener.NONE).cost().synOps();
    }
}
