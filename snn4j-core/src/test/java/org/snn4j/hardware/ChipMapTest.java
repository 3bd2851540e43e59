package org.snn4j.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.snn4j.model.Connect;
import org.snn4j.model.CubaLif;
import org.snn4j.model.Delays;
import org.snn4j.model.InitialV;
import org.snn4j.model.Network;
import org.snn4j.model.SpikeSource;
import org.snn4j.model.Weights;

/** Each chip limit exceeded by one reports exactly that violation; at the limit, none. */
class ChipMapTest {
    private static final CubaLif LIF = CubaLif.builder().tauSynSeconds(0).build();

    /** A source of m neurons into one neuron through the given pairs' pre indices and delays. */
    private static Network fanIn(int m, int[] pre, int[] delays) {
        return Network.builder().source(SpikeSource.trains("in", new int[m][0]))
                .population("n", 1, LIF, InitialV.constant(0))
                .connect("in", "n", Connect.explicit(pre, new int[pre.length]), Weights.constant(1),
                        Delays.arraySteps(delays)).build(1);
    }

    private static List<String> violations(Network net) {
        return ChipMap.of(net, FixedPoint.Chip.LOIHI).violations;
    }

    @Test
    void loihiInputAxons() {
        int[] at = IntStream.range(0, 4096).toArray();
        assertEquals(List.of(), violations(fanIn(4096, at, new int[4096])));
        int[] over = IntStream.range(0, 4097).toArray();
        List<String> v = violations(fanIn(4097, over, new int[4097]));
        assertEquals(List.of("population 'n': neuron 0 receives from 4097 neurons, more than a core's 4096 input axons"), v);
        assertTrue(ChipMap.of(fanIn(4097, over, new int[4097]), FixedPoint.Chip.LOIHI).fixes
                .contains("train --max-fan-in 4096"));
    }

    @Test
    void loihiSynapseMemory() {
        long max = ChipMap.LOIHI_SYNAPSE_MEMORY_BITS / ChipMap.LOIHI_SYNAPSE_BITS;
        for (long count : new long[] {max, max + 1}) {
            int[] pre = IntStream.range(0, (int) count).map(i -> i % 4096).toArray();
            int[] delays = IntStream.range(0, (int) count).map(i -> i / 4096).toArray();
            List<String> v = violations(fanIn(4096, pre, delays));
            assertEquals(count > max ? List.of("population 'n': neuron 0 has " + count + " input synapses, more than a"
                    + " core's synapse memory holds (" + max + " of 24 bits)") : List.of(), v);
        }
    }

    @Test
    void loihiDelays() {
        assertEquals(List.of(), violations(fanIn(1, new int[] {0}, new int[] {62})));
        assertEquals(List.of("projection 'in' -> 'n' port 0: synapse 0 (0 -> 0) has delay 63 steps, beyond Loihi's 62"),
                violations(fanIn(1, new int[] {0}, new int[] {63})));
    }

    @Test
    void loihiNeuronsPerCoreSplitAndOutputAxons() {
        Network big = Network.builder().population("p", 1025, LIF, InitialV.constant(0)).build(1);
        ChipMap m = ChipMap.of(big, FixedPoint.Chip.LOIHI);
        assertEquals(2, m.cores.size());
        assertEquals(List.of("p[0..1023]"), m.cores.get(0).ranges());
        assertEquals(1, m.cores.get(1).neurons());
        assertEquals(List.of(), m.violations);
        // a core of 1024 neurons, each sending to 4 cores of b (4096 axons), one of them to a fifth
        for (int extra : new int[] {0, 1}) {
            int n = 4 * 1024 + extra * 1024;
            int[] pre = IntStream.range(0, 4 * 1024 + extra).map(s -> s < 4096 ? s % 1024 : 0).toArray();
            int[] post = IntStream.range(0, 4 * 1024 + extra).map(s -> s < 4096 ? (s / 1024) * 1024 + s % 1024 : 4096)
                    .toArray();
            Network net = Network.builder().population("a", 1024, LIF, InitialV.constant(0))
                    .population("b", n, LIF, InitialV.constant(0))
                    .connect("a", "b", Connect.explicit(pre, post), Weights.constant(1), Delays.constantSteps(1)).build(1);
            ChipMap c = ChipMap.of(net, FixedPoint.Chip.LOIHI);
            assertEquals(4096 + extra, c.cores.get(0).outputAxons());
            assertEquals(extra == 0 ? List.of() : List.of("core 0 (a[0..1023]): 4097 output axons, more than Loihi's 4096"),
                    c.violations);
        }
    }

    @Test
    void xyloInputsHiddenAndReadout() {
        for (int extra : new int[] {0, 1}) {
            CubaLif m = CubaLif.builder().tauSynSeconds(2e-3).build();
            Network net = Network.builder().source(SpikeSource.trains("in", new int[16 + extra][0]))
                    .population("h", 1000 + extra, m, InitialV.constant(0))
                    .population("o", 8 + extra, m, InitialV.constant(0))
                    .connect("in", "h", Connect.allToAll(), Weights.constant(1), Delays.constantSteps(0))
                    .connect("h", "o", Connect.allToAll(), Weights.constant(1), Delays.constantSteps(1)).build(1);
            List<String> v = ChipMap.of(net, FixedPoint.Chip.XYLO).violations;
            assertEquals(extra == 0 ? List.of() : List.of("sources: 17 input channels, more than Xylo's 16",
                    "hidden populations: 1001 neurons, more than Xylo's 1000",
                    "readout populations: 9 neurons, more than Xylo's 8"), v);
        }
    }
}
