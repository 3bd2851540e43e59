package org.snn4j.engine;

import java.util.Arrays;

/**
 * The output population's spikes as a decision counts them, and the decision rule, once for the
 * engines and the trainers: the output neuron with the most spikes wins, ties go to the one that
 * spiked first, and with no spike there is no decision (-1). Also keeps the processing cycle of the
 * first output spike, which early decisions and latencies count from.
 */
public final class OutputTally {
    private final int[] counts;
    /** The rank of each neuron's first spike among all output spikes (valid where counts > 0). */
    private final int[] firstRank;
    private int spikes;
    private long firstCycle = -1;

    public OutputTally(int neurons) {
        counts = new int[neurons];
        firstRank = new int[neurons];
    }

    /** Forgets every spike. */
    public void clear() {
        Arrays.fill(counts, 0);
        spikes = 0;
        firstCycle = -1;
    }

    /** Output neuron i spiked in processing cycle {@code cycle}; spikes are counted in emission order. */
    public void spike(int i, long cycle) {
        if (counts[i]++ == 0) {
            firstRank[i] = spikes;
        }
        spikes++;
        if (firstCycle < 0) {
            firstCycle = cycle;
        }
    }

    /** The neuron with the most spikes, ties to the first to spike; -1 when none spiked. */
    public int decision() {
        int best = -1;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && (best < 0 || counts[i] > counts[best]
                    || (counts[i] == counts[best] && firstRank[i] < firstRank[best]))) {
                best = i;
            }
        }
        return best;
    }

    /** The processing cycle of the first output spike, or -1 before it. */
    public long firstCycle() {
        return firstCycle;
    }

    /** Output spikes counted. */
    public int spikes() {
        return spikes;
    }
}
