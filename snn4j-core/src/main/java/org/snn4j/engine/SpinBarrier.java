package org.snn4j.engine;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reusable barrier for a few threads that meet every few microseconds: waiting spins briefly and
 * then yields (a parked thread would take tens of microseconds to wake). The volatile generation
 * makes every write before {@link #await} visible to every thread after it. A failing party breaks
 * the barrier so that the others stop instead of waiting forever.
 */
final class SpinBarrier {
    private final int parties;
    /** Spinning only pays when every party has a core; with more threads than cores, yield at once. */
    private final int spinLimit;
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile int generation;
    private volatile boolean broken;

    SpinBarrier(int parties) {
        this.parties = parties;
        this.spinLimit = parties <= Runtime.getRuntime().availableProcessors() ? 20_000 : 0;
    }

    void await() {
        int gen = generation;
        if (arrived.incrementAndGet() == parties) {
            arrived.set(0);
            generation = gen + 1;
            return;
        }
        int spins = 0;
        while (generation == gen) {
            if (broken) {
                throw new Broken();
            }
            if (++spins < spinLimit) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    void breakBarrier() {
        broken = true;
    }

    /** Thrown to the waiting parties when another party failed; the engine reports that failure instead. */
    static final class Broken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Broken() {
            super("another engine thread failed", null, false, false);
        }
    }
}
