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
import org.snn4j.engine.EventEngine;
import org.snn4j.engine.ProgressListener;
import org.snn4j.model.Network;
import org.snn4j.reference.SparseActivity;

/**
 * Steady-state speed of the clock engine and of the event engine with closed-form catch-up on the
 * sparse-activity network ({@code snn4j bench sparse}'s): the time of 1000 steps (0.1 s simulated)
 * once the JIT has compiled the loops. Run:
 * {@code java -jar snn4j-bench/target/benchmarks.jar SparseBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SparseBenchmark {
    @Param({"10000", "100000"})
    int neurons;

    /** Spikes per neuron per step. */
    @Param({"0.001", "0.0001"})
    double activity;

    private Network network;
    private ClockEngine clock;
    private EventEngine event;

    @Setup(Level.Trial)
    public void buildNetwork() {
        network = SparseActivity.network(neurons, activity, 1);
    }

    @Setup(Level.Iteration)
    public void freshEngines() {
        clock = Engines.clock(network, SparseActivity.DT_SECONDS);
        clock.run(0.01);
        event = Engines.event(network, SparseActivity.DT_SECONDS).closedFormCatchUp(true);
        event.run(0.01);
    }

    /** Returns the SynOps so far, so that the work cannot be optimized away. */
    @Benchmark
    public long clockThousandSteps() {
        return clock.runSteps(1000, ProgressListener.NONE).cost().synOps();
    }

    @Benchmark
    public long eventThousandSteps() {
        return event.runSteps(1000).cost().synOps();
    }
}
