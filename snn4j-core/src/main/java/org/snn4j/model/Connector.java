package org.snn4j.model;

import java.util.SplittableRandom;

/**
 * Generates the (pre, post) pairs of a projection. Made by the factories of {@link Connect}.
 * Pairs come out in a documented generation order, which is the order in which array weights and
 * delays are matched to them.
 */
public interface Connector {
    /**
     * @param samePopulation true when source and target are the same population (autapses matter)
     * @return pairs[0] = pre indices, pairs[1] = post indices, in generation order
     */
    int[][] pairs(int nPre, int nPost, boolean samePopulation, SplittableRandom rng, String projection);

    /** About how many pairs {@link #pairs} will make (for a memory check before making them); 0 if unknown. */
    default double expectedPairs(int nPre, int nPost) {
        return 0;
    }
}
