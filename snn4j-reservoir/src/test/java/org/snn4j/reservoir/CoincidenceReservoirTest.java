package org.snn4j.reservoir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CoincidenceReservoirTest {
    private static final double DECAY = Math.exp(-1);

    /** The spikes at input step t, recovered from the tau = 1 step traces: trace[t] - e^-1 trace[t-1]. */
    private static int[][] spikes(double[][] states) {
        int[][] out = new int[states.length][states[0].length];
        for (int t = 0; t < states.length; t++) {
            for (int i = 0; i < states[t].length; i++) {
                double s = states[t][i] - (t == 0 ? 0 : DECAY * states[t - 1][i]);
                assertTrue(Math.abs(s) < 1e-9 || Math.abs(s - 1) < 1e-9, "a trace jump of " + s);
                out[t][i] = (int) Math.round(s);
            }
        }
        return out;
    }

    private static int[] bits(double[] u, double level) {
        int[] b = new int[u.length];
        for (int t = 0; t < u.length; t++) {
            b[t] = u[t] >= level ? 1 : 0;
        }
        return b;
    }

    @Test
    void relayNeuronsAreDelayedCopiesOfOneInputBit() {
        double[] u = Narma10.generate(400, 5).input();
        CoincidenceReservoir r = CoincidenceReservoir.builder().neurons(30).levels(1).relayFraction(1)
                .relayMaxDelay(4).seed(7).build();
        assertEquals(0.25, r.level(0), 0.0, "one level at the centre of [0, 0.5)");
        int[] bit = bits(u, 0.25);
        int[][] s = spikes(r.run(u).states());
        boolean[] delaySeen = new boolean[5];
        for (int i = 0; i < 30; i++) {
            int match = -1;
            for (int d = 0; d <= 4 && match < 0; d++) {
                boolean same = true;
                for (int t = 0; t < u.length && same; t++) {
                    same = s[t][i] == (t >= d ? bit[t - d] : 0);
                }
                match = same ? d : -1;
            }
            assertTrue(match >= 0, "neuron " + i + " copies the input bit over none of the delays 0..4");
            delaySeen[match] = true;
        }
        for (int d = 0; d <= 4; d++) {
            assertTrue(delaySeen[d], "30 relays draw every delay 0..4; missing " + d);
        }
    }

    @Test
    void coincidenceNeuronsSpikeOnTheProductOfTwoDelayedBits() {
        double[] u = Narma10.generate(400, 6).input();
        CoincidenceReservoir r = CoincidenceReservoir.builder().neurons(8).levels(1).relayFraction(0).pair(3, 0)
                .seed(1).build();
        int[] bit = bits(u, 0.25);
        Reservoir.Run run = r.run(u);
        int[][] s = spikes(run.states());
        int both = 0;
        int ones = 0;
        for (int t = 0; t < u.length; t++) {
            int expected = t >= 3 ? bit[t] * bit[t - 3] : 0;
            ones += bit[t];
            both += expected;
            for (int i = 0; i < 8; i++) {
                assertEquals(expected, s[t][i], "neuron " + i + " at input step " + t);
            }
        }
        // every input spike is sent to each of the 8 neurons twice (two synapses from the one level)
        assertEquals(8.0 * 2 * ones / u.length, run.synOpsPerStep(), 1e-12);
        assertEquals((double) both / u.length, run.spikesPerNeuronPerStep(), 1e-12);
        assertTrue(both > 50, "the test needs coincidences: " + both);
    }

    @Test
    void withoutDelaysEveryNeuronFollowsThePresentInput() {
        double[] u = Narma10.generate(300, 8).input();
        CoincidenceReservoir r = CoincidenceReservoir.builder().neurons(20).levels(1).delays(false).seed(3).build();
        int[] bit = bits(u, 0.25);
        int[][] s = spikes(r.run(u).states());
        for (int t = 0; t < u.length; t++) {
            for (int i = 0; i < 20; i++) {
                assertEquals(bit[t], s[t][i], "neuron " + i + " at input step " + t);
            }
        }
    }

    @Test
    void delaysGiveTheReservoirMemory() {
        Splits splits = new Splits(100, 1200, 800);
        CoincidenceReservoir.Builder b = CoincidenceReservoir.builder().neurons(100).inputRange(-0.5, 0.5).seed(3);
        double noDelay = Evaluation.memoryCapacity(b.delays(false).build(), splits, 40, 1e-4, 9);
        double delays = Evaluation.memoryCapacity(b.delays(true).build(), splits, 40, 1e-4, 9);
        assertTrue(noDelay < 1.5, "without delays only u[t-1] is in reach (through the readout's u[t]): " + noDelay);
        assertTrue(delays > 8, "relays over 0..20 steps hold 20 delayed bits: " + delays);
    }

    @Test
    void badInputNamesTheField() {
        assertMessage(() -> CoincidenceReservoir.builder().neurons(0).build(), "neurons 0");
        assertMessage(() -> CoincidenceReservoir.builder().levels(0).build(), "levels 0");
        assertMessage(() -> CoincidenceReservoir.builder().relayFraction(1.5).build(), "relayFraction 1.5");
        assertMessage(() -> CoincidenceReservoir.builder().relayMaxDelay(-1).build(), "relayMaxDelay -1");
        assertMessage(() -> CoincidenceReservoir.builder().pair(0, 2).build(), "lag 0");
        assertMessage(() -> CoincidenceReservoir.builder().stepsPerInput(0).build(), "stepsPerInput 0");
        assertMessage(() -> CoincidenceReservoir.builder().inputRange(1, 1).build(), "inputRange [1.0, 1.0)");
        assertMessage(() -> CoincidenceReservoir.builder().build().run(new double[] {0.1, Double.NaN}),
                "u[1] = NaN");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String fragment) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(fragment), ex.getMessage());
    }
}
