package org.snn4j.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snn4j.engine.SpikeTrain;
import org.snn4j.model.Connect;
import org.snn4j.model.CubaLif;
import org.snn4j.model.Delays;
import org.snn4j.model.InitialV;
import org.snn4j.model.Network;
import org.snn4j.model.Weights;

/** Completion times of hand-built workloads, computed by hand; bad inputs refused by name. */
class ChipSimTest {
    private static final CubaLif MODEL = CubaLif.builder().tauMemSeconds(10e-3).tauSynSeconds(2e-3).vLeak(0)
            .vThreshold(15e-3).vReset(0).resistance(1).build();

    /** a (2 neurons) -> b (1 neuron), all to all, over {@code delay} steps. */
    private static Network chain(int delay) {
        return Network.builder().population("a", 2, MODEL, InitialV.constant(0))
                .population("b", 1, MODEL, InitialV.constant(0))
                .connect("a", "b", Connect.allToAll(), Weights.constant(1e-3), Delays.constantSteps(delay)).build(1);
    }

    /** a's neuron 0 spikes at steps 1 and 2, neuron 1 at step 2; b never. */
    private static Map<String, SpikeTrain> spikes() {
        return Map.of("a", new SpikeTrain("a", new int[] {1, 2, 2}, new int[] {0, 0, 1}, 1e-4),
                "b", new SpikeTrain("b", new int[0], new int[0], 1e-4));
    }

    /** Unit latencies: update 1, SynOp 1, nothing else but the given hop and barrier. */
    private static ChipSim.Profile unit(double hop, double barrier) {
        return new ChipSim.Profile("unit", 1, 1, 1, 0, hop, barrier, "test");
    }

    @Test
    void aZeroDelayChainWaitsWithinEveryStepBehindABarrierAndPipelinesWithout() {
        // core a works 2 a step (two updates); core b 1 + its SynOps: steps 1..3 -> 2, 3, 1
        // barrier: each step a then b, then 10: (2 + 2) + (2 + 3) + (2 + 1) + 3 x 10 = 42
        // dataflow: a finishes at 2, 4, 6; b starts after a's same step: 2 -> 4, 4 -> 7, 7 -> 8
        ChipSim.Result r = ChipSim.simulate(chain(0), 3, spikes(), 2, ChipSim.Budget.LOIHI, unit(0, 10));
        assertEquals(42, r.barrierSeconds(), 1e-12);
        assertEquals(8, r.dataflowSeconds(), 1e-12);
        assertEquals(42.0 / 8, r.speedup(), 1e-12);
        assertEquals(7, r.slowestSeconds(), 1e-12); // 2 + 3 + 2
        assertEquals(5, r.chainSeconds(), 1e-12); // the chain adds a's 2 + 2 + ... over the slowest: 4-2, 5-3, 3-2
        assertEquals(30, r.barrierSyncSeconds(), 1e-12);
        assertEquals(6, r.cores().get(0).busySeconds(), 1e-12);
        assertEquals(6, r.cores().get(1).busySeconds(), 1e-12);
        assertEquals(1 - 6.0 / 8, r.cores().get(1).idleDataflow(), 1e-12);
        assertEquals("a", r.cores().get(0).population());
        assertEquals(2, r.cores().get(1).synapses());
    }

    @Test
    void aHopCanCostMoreThanTheBarrierSaves() {
        // delay 1: b's SynOps arrive a step later: b works 1, 2, 3; no barrier cost, a hop of 1
        // barrier: max(2, 1) + max(2, 2) + max(2, 3) = 7
        // dataflow: a 2, 4, 6; b: 1 (nothing to wait for), max(1, 2 + 1) + 2 = 5, max(5, 4 + 1) + 3 = 8
        ChipSim.Result r = ChipSim.simulate(chain(1), 3, spikes(), 2, ChipSim.Budget.LOIHI, unit(1, 0));
        assertEquals(7, r.barrierSeconds(), 1e-12);
        assertEquals(8, r.dataflowSeconds(), 1e-12);
        // the critical path: b's step 3 after a's step 2 (one hop), after a's step 1
        assertEquals(3 + 2 + 2, r.criticalWorkSeconds(), 1e-12);
        assertEquals(1, r.criticalHops());
        assertEquals(2, r.criticalCores());
    }

    @Test
    void extraCoresGoToTheMostLoadedPopulationInRangesOfEqualWork() {
        ChipSim.Result r = ChipSim.simulate(chain(1), 3, spikes(), 3, ChipSim.Budget.LOIHI, unit(0, 0));
        assertEquals(3, r.cores().size());
        assertEquals("a", r.cores().get(1).population());
        assertEquals(1, r.cores().get(1).from());
        assertEquals(2, r.cores().get(1).to());
    }

    @Test
    void badInputsAreRefusedByName() {
        IllegalArgumentException tight = assertThrows(IllegalArgumentException.class,
                () -> ChipSim.simulate(chain(0), 3, spikes(), 2, new ChipSim.Budget(4, 1), unit(0, 0)));
        assertEquals("core budget of 1 synapses: neuron 0 of 'b' alone has 2 input synapses", tight.getMessage());
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> ChipSim.simulate(chain(0), 3, spikes(), 1, ChipSim.Budget.LOIHI, unit(0, 0)));
        assertTrue(few.getMessage().startsWith("cores 1: the network needs at least 2 cores"), few.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ChipSim.simulate(chain(0), 3, spikes(), 0, ChipSim.Budget.LOIHI, unit(0, 0)));
        IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
                () -> ChipSim.simulate(chain(0), 3, spikes(), 4, ChipSim.Budget.LOIHI, unit(0, 0)));
        assertTrue(many.getMessage().contains("more than the network's 3 neurons"), many.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ChipSim.Budget(0, 10));
        assertThrows(IllegalArgumentException.class, () -> ChipSim.Profile.parse("custom:1,2"));
        assertEquals(4.0e-9, ChipSim.Profile.parse("loihi").synOp());
        assertEquals(6, ChipSim.Profile.parse("custom:1,2,3,4,5,6").barrier());
    }
}
