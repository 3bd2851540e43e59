package org.snn4j.engine;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.snn4j.arrays.IntList;

/**
 * The asynchronous schedule of a step, shared by the event engine and the unlayered trainer: the
 * list of pending entries (a group and a neuron, in the order they became pending; input spikes,
 * whose group is negative, first), the {@link Scheduler}'s view of it, processing cycles of up to
 * F entries, and the cap on cycles per step. Each cycle takes up to F entries in the scheduler's
 * order, asks the {@link Handler} to fire each neuron (it may refuse one that fell back below
 * threshold), then has the handler deliver the cycle's spikes in the order they were taken; the
 * step ends when nothing is pending, when the cap is reached (what is pending is dropped), or when
 * the handler says stop.
 *
 * <p>The random stream (MOMENTUM's ties, RANDOM) is {@code SplittableRandom(seed ^ 0x9E3779B97F4A7C15)},
 * restarted by {@link #restart}. Nothing is allocated per entry or per cycle once the group buffer
 * has grown to F.
 */
public final class AsyncSchedule {
    /** The neurons a schedule drives. Called per entry; implementations must not allocate. */
    public interface Handler {
        /** Membrane potential of neuron i of group g (g >= 0), as the scheduler ranks it. */
        float potential(int g, int i);

        /**
         * Pending neuron i of group g (g >= 0) is taken in the step's cycle {@code cycleInStep} (from 1):
         * it leaves the pending list, and fires if it is still above threshold. Returns whether it fired.
         */
        boolean fire(int g, int i, int cycleInStep);

        /** The spike of entry (g, i) (g &lt; 0: an input spike), delivered once its cycle is complete. */
        void deliver(int g, int i, int cycleInStep);

        /** Pending neuron i of group g (g >= 0) is dropped: the step ran out of cycles. */
        void drop(int g, int i);

        /** Asked after each cycle's deliveries: whether to end the step (and the run) now. */
        boolean stop();
    }

    private final Scheduler scheduler;
    private final int groupSize;
    private final int cyclesPerStep;
    private final boolean inputFirst;
    private SplittableRandom rng;
    private final IntList pendingGroup = new IntList(64);
    private final IntList pendingNeuron = new IntList(64);
    /** Input spikes among the pending entries (always the first ones). */
    private int pendingInputs;
    private int[] cycleGroup;
    private int[] cycleNeuron;
    private long cycles;
    private Handler handler;
    private final Scheduler.Pending view = new Scheduler.Pending() {
        @Override
        public int size() {
            return pendingGroup.size();
        }

        @Override
        public float potential(int j) {
            int g = pendingGroup.get(j);
            return g < 0 ? Float.POSITIVE_INFINITY : handler.potential(g, pendingNeuron.get(j));
        }

        @Override
        public int leadingInputs() {
            return pendingInputs;
        }
    };

    /**
     * @param groupSize     F, the entries emitted per cycle (1: fully asynchronous)
     * @param cyclesPerStep the cycles a step may use (Integer.MAX_VALUE: until nothing is pending)
     * @param inputFirst    take input spikes before any neuron, whatever the scheduler ranks first
     */
    public AsyncSchedule(Scheduler scheduler, int groupSize, int cyclesPerStep, boolean inputFirst, long seed) {
        if (scheduler == null) {
            throw new IllegalArgumentException("scheduler: must not be null");
        }
        if (groupSize < 1) {
            throw new IllegalArgumentException("group " + groupSize + ": must be >= 1 (1 = fully asynchronous)");
        }
        if (cyclesPerStep < 1) {
            throw new IllegalArgumentException("cycles per step " + cyclesPerStep + ": must be >= 1");
        }
        this.scheduler = scheduler;
        this.groupSize = groupSize;
        this.cyclesPerStep = cyclesPerStep;
        this.inputFirst = inputFirst;
        cycleGroup = new int[Math.min(groupSize, 64)];
        cycleNeuron = new int[cycleGroup.length];
        restart(seed);
    }

    /** Starts afresh: nothing pending, no cycles, the random stream of {@code seed}. */
    public void restart(long seed) {
        rng = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        pendingGroup.clear();
        pendingNeuron.clear();
        pendingInputs = 0;
        cycles = 0;
    }

    /** Input spike i of source s becomes pending (before any neuron of the step). */
    public void pendInput(int s, int i) {
        pendingGroup.add(-1 - s);
        pendingNeuron.add(i);
        pendingInputs++;
    }

    /** Neuron i of group g (g >= 0) becomes pending. */
    public void pend(int g, int i) {
        pendingGroup.add(g);
        pendingNeuron.add(i);
    }

    /** Processing cycles since the last restart. */
    public long cycles() {
        return cycles;
    }

    /**
     * Runs the step's cycles until nothing is pending, the cap is reached or the handler stops;
     * returns whether the handler stopped.
     */
    public boolean runStep(Handler h) {
        handler = h;
        int stepCycles = 0;
        while (pendingGroup.size() > 0) {
            if (stepCycles == cyclesPerStep) {
                dropPending(h);
                return false;
            }
            int cycle = stepCycles + 1;
            int m = 0;
            while (m < groupSize && pendingGroup.size() > 0) {
                int j = inputFirst && pendingInputs > 0 ? 0 : scheduler.next(view, rng);
                int g = pendingGroup.get(j);
                int i = pendingNeuron.get(j);
                pendingGroup.removeAt(j);
                pendingNeuron.removeAt(j);
                if (g < 0) {
                    pendingInputs--;
                } else if (!h.fire(g, i, cycle)) {
                    continue; // taken back below threshold before its turn: no spike
                }
                if (m == cycleGroup.length) {
                    cycleGroup = Arrays.copyOf(cycleGroup, 2 * m);
                    cycleNeuron = Arrays.copyOf(cycleNeuron, 2 * m);
                }
                cycleGroup[m] = g;
                cycleNeuron[m++] = i;
            }
            if (m == 0) {
                return false; // nothing was left to emit
            }
            cycles++;
            stepCycles++;
            for (int e = 0; e < m; e++) {
                h.deliver(cycleGroup[e], cycleNeuron[e], cycle);
            }
            if (h.stop()) {
                return true;
            }
        }
        return false;
    }

    private void dropPending(Handler h) {
        for (int j = 0; j < pendingGroup.size(); j++) {
            int g = pendingGroup.get(j);
            if (g >= 0) {
                h.drop(g, pendingNeuron.get(j));
            }
        }
        pendingGroup.clear();
        pendingNeuron.clear();
        pendingInputs = 0;
    }
}
