package org.snn4j.bench;

import org.snn4j.engine.Engines;
import org.snn4j.engine.EventEngine;
import org.snn4j.engine.RunResult;
import org.snn4j.model.Network;
import org.snn4j.reference.SparseActivity;

/**
 * The closed-form event engine on the sparse-activity network in rounds of 1000 steps, printing the
 * time of every tenth round: a quick steady-state figure for A/B runs of two builds (and a target for
 * a profiler), where JMH would take minutes. Run:
 * {@code java -cp snn4j-bench/target/benchmarks.jar org.snn4j.bench.SparseRounds N ACTIVITY ROUNDS}.
 */
public final class SparseRounds {
    private SparseRounds() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: SparseRounds NEURONS ACTIVITY ROUNDS");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        double activity = Double.parseDouble(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Network net = SparseActivity.network(n, activity, 1);
        EventEngine e = Engines.event(net, SparseActivity.DT_SECONDS).closedFormCatchUp(true);
        e.run(0.05);
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            RunResult res = e.runSteps(1000);
            double ms = (System.nanoTime() - t0) * 1e-6;
            if (r % 10 == 9) {
                System.out.printf("round %d: %.2f ms per 1000 steps, %d SynOps and %d neuron updates so far%n", r + 1, ms,
                        res.cost().synOps(), res.cost().neuronUpdates());
            }
        }
    }
}
