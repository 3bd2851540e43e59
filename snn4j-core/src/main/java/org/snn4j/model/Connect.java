package org.snn4j.model;

import java.util.SplittableRandom;
import org.snn4j.arrays.IntList;

/**
 * Connectors: all-to-all, fixed probability, fixed fan-out, fixed fan-in, explicit pairs. Generated
 * connectors can be restricted to a range of sources and of targets, and exclude autapses (a neuron
 * onto itself) by default when a population projects onto itself. Generation order is pre-major
 * (by source, then by ascending target) except fixed fan-in (by target) and explicit (as given).
 */
public final class Connect {
    private Connect() {
    }

    /** Every source to every target. */
    public static Generated allToAll() {
        return new Generated(Kind.ALL, 0);
    }

    /** Each pair independently with probability p (seeded Bernoulli, drawn by geometric skips). */
    public static Generated probability(double p) {
        return new Generated(Kind.PROBABILITY, Check.probability("connection probability", p));
    }

    /** Each source to exactly {@code count} distinct targets drawn uniformly. */
    public static Generated fixedFanOut(int count) {
        return new Generated(Kind.FAN_OUT, Check.nonNegative("fan-out", count));
    }

    /** Each target from exactly {@code count} distinct sources drawn uniformly. */
    public static Generated fixedFanIn(int count) {
        return new Generated(Kind.FAN_IN, Check.nonNegative("fan-in", count));
    }

    /** Exactly the pairs (pre[s], post[s]); weights and delays given as arrays follow the same order. */
    public static Connector explicit(int[] pre, int[] post) {
        int[] preCopy = Check.notNull("pre", pre).clone();
        int[] postCopy = Check.notNull("post", post).clone();
        if (preCopy.length != postCopy.length) {
            throw new IllegalArgumentException("post array length " + postCopy.length
                    + ": must equal the pre array length " + preCopy.length);
        }
        return new Connector() {
            @Override
            public int[][] pairs(int nPre, int nPost, boolean same, SplittableRandom rng, String projection) {
                return explicitPairs(preCopy, postCopy, nPre, nPost, projection);
            }

            @Override
            public double expectedPairs(int nPre, int nPost) {
                return preCopy.length;
            }
        };
    }

    private static int[][] explicitPairs(int[] preCopy, int[] postCopy, int nPre, int nPost, String projection) {
        for (int s = 0; s < preCopy.length; s++) {
            if (preCopy[s] < 0 || preCopy[s] >= nPre) {
                throw new IllegalArgumentException("pre " + preCopy[s] + " at synapse " + s + " of projection "
                        + projection + ": source index must be in [0, " + nPre + ")");
            }
            if (postCopy[s] < 0 || postCopy[s] >= nPost) {
                throw new IllegalArgumentException("post " + postCopy[s] + " at synapse " + s + " of projection "
                        + projection + ": target index must be in [0, " + nPost + ")");
            }
        }
        return new int[][] {preCopy.clone(), postCopy.clone()};
    }

    private enum Kind { ALL, PROBABILITY, FAN_OUT, FAN_IN }

    /** A generated connector; an immutable value whose with-methods return a modified copy. */
    public static final class Generated implements Connector {
        private final Kind kind;
        private final double parameter;
        private final int sourceFrom;
        private final int sourceTo;
        private final int targetFrom;
        private final int targetTo;
        private final boolean autapses;

        private Generated(Kind kind, double parameter) {
            this(kind, parameter, 0, -1, 0, -1, false);
        }

        private Generated(Kind kind, double parameter, int sourceFrom, int sourceTo, int targetFrom, int targetTo,
                boolean autapses) {
            this.kind = kind;
            this.parameter = parameter;
            this.sourceFrom = sourceFrom;
            this.sourceTo = sourceTo;
            this.targetFrom = targetFrom;
            this.targetTo = targetTo;
            this.autapses = autapses;
        }

        /** Only sources with index in [from, to). */
        public Generated sourceRange(int from, int to) {
            checkRange("sourceRange", from, to);
            return new Generated(kind, parameter, from, to, targetFrom, targetTo, autapses);
        }

        /** Only targets with index in [from, to). */
        public Generated targetRange(int from, int to) {
            checkRange("targetRange", from, to);
            return new Generated(kind, parameter, sourceFrom, sourceTo, from, to, autapses);
        }

        /** Whether a neuron may connect to itself when a population projects onto itself (default false). */
        public Generated autapses(boolean allowed) {
            return new Generated(kind, parameter, sourceFrom, sourceTo, targetFrom, targetTo, allowed);
        }

        private static void checkRange(String field, int from, int to) {
            if (from < 0 || to < from) {
                throw new IllegalArgumentException(field + " [" + from + ", " + to + "): must satisfy 0 <= from <= to");
            }
        }

        @Override
        public double expectedPairs(int nPre, int nPost) {
            double sources = (sourceTo < 0 ? nPre : sourceTo) - sourceFrom;
            double targets = (targetTo < 0 ? nPost : targetTo) - targetFrom;
            return switch (kind) {
                case ALL -> sources * targets;
                case PROBABILITY -> parameter * sources * targets;
                case FAN_OUT -> parameter * sources;
                case FAN_IN -> parameter * targets;
            };
        }

        @Override
        public int[][] pairs(int nPre, int nPost, boolean samePopulation, SplittableRandom rng, String projection) {
            int s0 = sourceFrom;
            int s1 = sourceTo < 0 ? nPre : sourceTo;
            int t0 = targetFrom;
            int t1 = targetTo < 0 ? nPost : targetTo;
            if (s1 > nPre) {
                throw new IllegalArgumentException("sourceRange end " + s1 + " of projection " + projection
                        + ": must be <= the source size " + nPre);
            }
            if (t1 > nPost) {
                throw new IllegalArgumentException("targetRange end " + t1 + " of projection " + projection
                        + ": must be <= the target size " + nPost);
            }
            boolean skipSelf = samePopulation && !autapses;
            IntList pre = new IntList(1024);
            IntList post = new IntList(1024);
            switch (kind) {
                case ALL -> {
                    for (int i = s0; i < s1; i++) {
                        for (int j = t0; j < t1; j++) {
                            if (!(skipSelf && i == j)) {
                                pre.add(i);
                                post.add(j);
                            }
                        }
                    }
                }
                case PROBABILITY -> bernoulli(s0, s1, t0, t1, skipSelf, rng, pre, post);
                case FAN_OUT -> {
                    int count = (int) parameter;
                    for (int i = s0; i < s1; i++) {
                        int excluded = skipSelf && i >= t0 && i < t1 ? i : -1;
                        for (int j : sampleDistinct(count, t0, t1, excluded, rng, projection, "fan-out")) {
                            pre.add(i);
                            post.add(j);
                        }
                    }
                }
                case FAN_IN -> {
                    int count = (int) parameter;
                    for (int j = t0; j < t1; j++) {
                        int excluded = skipSelf && j >= s0 && j < s1 ? j : -1;
                        for (int i : sampleDistinct(count, s0, s1, excluded, rng, projection, "fan-in")) {
                            pre.add(i);
                            post.add(j);
                        }
                    }
                }
                default -> throw new AssertionError(kind);
            }
            return new int[][] {pre.toArray(), post.toArray()};
        }

        /**
         * Bernoulli(p) over the pairs in row-major order, jumping over the gaps between successes with
         * geometric draws, so the cost is proportional to the number of synapses rather than of pairs.
         */
        private void bernoulli(int s0, int s1, int t0, int t1, boolean skipSelf, SplittableRandom rng,
                IntList pre, IntList post) {
            double p = parameter;
            long width = t1 - t0;
            long total = (long) (s1 - s0) * width;
            if (p == 0 || total == 0) {
                return;
            }
            double logQ = Math.log1p(-p);
            long cell = -1;
            while (true) {
                long gap = p == 1 ? 0 : (long) Math.floor(Math.log(1 - rng.nextDouble()) / logQ);
                cell += gap + 1;
                if (cell >= total || cell < 0) {
                    return;
                }
                int i = s0 + (int) (cell / width);
                int j = t0 + (int) (cell % width);
                if (!(skipSelf && i == j)) {
                    pre.add(i);
                    post.add(j);
                }
            }
        }

        /** {@code count} distinct ints from [from, to) without {@code excluded}, ascending (Floyd's algorithm). */
        private static int[] sampleDistinct(int count, int from, int to, int excluded, SplittableRandom rng,
                String projection, String what) {
            int available = to - from - (excluded >= 0 ? 1 : 0);
            if (count > available) {
                throw new IllegalArgumentException(what + " " + count + " of projection " + projection
                        + ": only " + available + " distinct partners are available");
            }
            // Sample from a range without the excluded index, then shift indices at or above it.
            java.util.BitSet chosen = new java.util.BitSet(available);
            for (int r = available - count; r < available; r++) {
                int t = rng.nextInt(r + 1);
                chosen.set(chosen.get(t) ? r : t);
            }
            int[] out = new int[count];
            int n = 0;
            for (int b = chosen.nextSetBit(0); b >= 0; b = chosen.nextSetBit(b + 1)) {
                int v = from + b;
                out[n++] = excluded >= 0 && v >= excluded ? v + 1 : v;
            }
            return out;
        }
    }
}
