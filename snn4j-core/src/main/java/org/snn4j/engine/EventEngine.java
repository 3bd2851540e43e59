package org.snn4j.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.snn4j.arrays.IntList;
import org.snn4j.model.AnalogInput;
import org.snn4j.model.Check;
import org.snn4j.model.Network;
import org.snn4j.model.Projection;
import org.snn4j.model.SpikeSource;

/**
 * The event-driven engine, first part of issue #4: a neuron is touched only when a spike reaches
 * it, when its own drive takes it over threshold, or when an analog input into it changes value.
 * Between touches its state is left alone; the next touch catches it up by applying the clock
 * engine's per-step update ({@link LifStep#advanceOne}) once per elapsed step, and stops early once
 * the neuron sits at its float fixed point (so a silent network costs nothing). A neuron's next
 * self-driven crossing is found ahead of time by the same update on a copy of its state, and put in a
 * calendar of step buckets; the copy's state just before the crossing is kept, so the catch-up to a
 * predicted crossing is free. This is exact catch-up (docs/DESIGN-DECISIONS.md, option A): with the
 * synchronous schedule (the default: populations in zero-delay order, a step's spikes delivered
 * together) the spikes are bitwise the clock engine's. {@link #schedule} selects an asynchronous
 * schedule instead: no layer synchronization within a step, pending spikes emitted a group at a time
 * in the order a {@link Scheduler} chooses.
 *
 * <p>Records spikes, population rates and state variables, like the clock engine.
 */
public final class EventEngine {
    /**
     * How far ahead a self-driven crossing is searched before the neuron is re-checked (the re-check
     * restores the searched state for free). Short, because every arrival restarts the search: on CUBA
     * (N = 4000, every neuron tonic) 1024 cost 942 M updates for the clock engine's 40 M, 32 cost 99 M,
     * 16 cost 70 M (the fastest), 8 cost 58 M but more re-checks.
     */
    private static final int HORIZON = 16;
    /**
     * With closed-form catch-up, how far ahead a crossing is scheduled (the calendar's length): the
     * search costs no more for a far crossing (a PSP's peak can be 140 steps after its arrival).
     */
    private static final int CLOSED_FORM_SPAN = 512;

    private final Network network;
    private final double dtSeconds;
    private final List<Monitor> monitors = new ArrayList<>();
    private int delayCapacity = -1;
    private long seed;
    /** null: the synchronous schedule; else the asynchronous one with this scheduler. */
    private Scheduler scheduler;
    private int groupSize = 1;
    private boolean inputFirst;
    private boolean closedForm;
    private SplittableRandom scheduleRng;
    private long cycles;
    // the asynchronous schedule's pending spikes: population (or -1 - source), neuron
    private final IntList pendingGroup = new IntList(64);
    private final IntList pendingNeuron = new IntList(64);
    private final Scheduler.Pending pendingView = new Scheduler.Pending() {
        @Override
        public int size() {
            return pendingGroup.size();
        }

        @Override
        public float potential(int j) {
            int g = pendingGroup.get(j);
            return g < 0 ? Float.POSITIVE_INFINITY : pops[g].slice.v[pendingNeuron.get(j)];
        }

        @Override
        public int leadingInputs() {
            return pendingInputs;
        }
    };
    /** Input spikes among the pending entries (always the first ones). */
    private int pendingInputs;
    private int[] emittingGroup;
    private int[] emittingNeuron;
    // early decision
    private String outputName;
    private int extraCycles;
    private long maxCycles;
    private int cyclesPerStep = Integer.MAX_VALUE;
    private int output = -1;
    private int[] outputCounts;
    private int[] outputFirst;
    private int outputSpikes;
    private long firstOutputCycle = -1;
    private boolean stopped;

    private boolean started;
    private boolean stepSelfDriven = true;
    private Pop[] pops;
    private int[] order;
    private SourceStream[] sources;
    private int[][] sourceSpikes;
    private Outgoing[][] sourceOutgoing;
    private Edge[][] sourceEdges;
    private int slots;
    private int[] slotOfDelay;
    private long step;
    private long neuronUpdates;
    private long synOps;
    private long sourceSpikeTotal;
    private double buildSeconds;
    private double loopSeconds;

    EventEngine(Network network, double dtSeconds) {
        this.network = Check.notNull("network", network);
        this.dtSeconds = Check.positive("dtSeconds", dtSeconds);
        this.seed = network.seed();
    }

    public EventEngine delayCapacity(int steps) {
        requireNotStarted("delayCapacity");
        delayCapacity = Check.nonNegative("delayCapacity", steps);
        return this;
    }

    /** Seed of the Poisson sources' streams (default: the network's), as for the clock engine. */
    public EventEngine seed(long seed) {
        requireNotStarted("seed");
        this.seed = seed;
        return this;
    }

    /**
     * The asynchronous schedule: within a step, pending spikes are emitted {@code groupSize} at a time
     * (one processing cycle), chosen by the scheduler; every zero-delay arrival is integrated at once
     * and may make its target pending, or take a pending neuron back below threshold before its turn
     * (then it does not spike). At most one spike per neuron per step. Without this call the engine
     * runs the synchronous schedule.
     */
    public EventEngine schedule(Scheduler scheduler, int groupSize) {
        requireNotStarted("schedule");
        this.scheduler = Check.notNull("scheduler", scheduler);
        if (groupSize < 1) {
            throw new IllegalArgumentException("groupSize " + groupSize + ": must be >= 1 (1 = fully asynchronous)");
        }
        this.groupSize = groupSize;
        return this;
    }

    /**
     * At most this many processing cycles per step (asynchronous schedule): entries still pending
     * when a step has used them are dropped (those neurons keep their V, above threshold, into the next
     * step). Default: unlimited, the step ends when nothing is pending.
     */
    public EventEngine cyclesPerStep(int cycles) {
        requireNotStarted("cyclesPerStep");
        if (cycles < 1) {
            throw new IllegalArgumentException("cyclesPerStep " + cycles + ": must be >= 1");
        }
        cyclesPerStep = cycles;
        return this;
    }

    /**
     * Bring a touched neuron over the steps since its last touch in one closed-form update (the
     * propagators raised to the k-th power, in double, rounded once) instead of replaying the float
     * step k times, and find its next crossing from the same formula (from the maximum of its PSP
     * where it has one) instead of stepping ahead. Much faster on sparse activity, where a neuron is
     * touched every few thousand steps; the state then differs from the clock engine's float recurrence
     * by rounding (about 1e-6 relative), so spikes are the clock engine's except where V lands within
     * rounding of the threshold. Default: exact replay.
     */
    public EventEngine closedFormCatchUp(boolean on) {
        requireNotStarted("closedFormCatchUp");
        closedForm = on;
        return this;
    }

    /**
     * Step a self-driven population (its resting drive alone holds V_inf above threshold, so every
     * neuron crosses by itself and needs an update every few steps whatever the input) every step
     * instead of predicting each neuron's next crossing: with the synchronous schedule like the clock
     * engine, in the same vectorized loops; with an asynchronous one by opening every neuron at the
     * start of the step. The spikes are the same either way (bitwise, in exact catch-up); this is only
     * faster on such populations. Default: on.
     */
    public EventEngine stepSelfDriven(boolean on) {
        requireNotStarted("stepSelfDriven");
        stepSelfDriven = on;
        return this;
    }

    /** Emit the sources' spikes of a step before any neuron's (asynchronous schedule). */
    public EventEngine prioritizeInput(boolean first) {
        requireNotStarted("prioritizeInput");
        inputFirst = first;
        return this;
    }

    /**
     * Processing cycles so far: groups of spikes emitted (asynchronous schedules), or populations
     * that emitted spikes in a step (synchronous schedule: one cycle per layer).
     */
    public long cycles() {
        return cycles;
    }

    /**
     * Stops the run {@code extraCycles} processing cycles after the output population's first spike;
     * {@link #decision()} then names the output neuron with the most spikes.
     */
    public EventEngine earlyDecision(String outputPopulation, int extraCycles) {
        requireNotStarted("earlyDecision");
        if (network.populationIndex(Check.name("output population", outputPopulation)) < 0) {
            throw new IllegalArgumentException("output population '" + outputPopulation + "': no such population");
        }
        outputName = outputPopulation;
        this.extraCycles = Check.nonNegative("extraCycles", extraCycles);
        return this;
    }

    /** Stops the run after this many processing cycles (whatever the output did). */
    public EventEngine stopAfterCycles(long cycles) {
        requireNotStarted("stopAfterCycles");
        if (cycles < 1) {
            throw new IllegalArgumentException("cycles " + cycles + ": must be >= 1");
        }
        maxCycles = cycles;
        return this;
    }

    /** The decision so far; needs an output population ({@link #earlyDecision}). */
    public Decision decision() {
        if (outputName == null) {
            throw new IllegalStateException("decision: no output population; call earlyDecision(population, cycles)"
                    + " before the run");
        }
        int best = -1;
        for (int i = 0; outputCounts != null && i < outputCounts.length; i++) {
            if (outputCounts[i] > 0 && (best < 0 || outputCounts[i] > outputCounts[best]
                    || (outputCounts[i] == outputCounts[best] && outputFirst[i] < outputFirst[best]))) {
                best = i;
            }
        }
        return new Decision(best, cycles, step, stopped);
    }

    /** Counts an output spike emitted in processing cycle {@code cycle}. */
    private void outputSpike(int i, long cycle) {
        if (outputCounts[i]++ == 0) {
            outputFirst[i] = outputSpikes;
        }
        outputSpikes++;
        if (firstOutputCycle < 0) {
            firstOutputCycle = cycle;
        }
    }

    private boolean shouldStop() {
        return (firstOutputCycle >= 0 && outputName != null && cycles >= firstOutputCycle + extraCycles)
                || (maxCycles > 0 && cycles >= maxCycles);
    }

    /**
     * Spikes, population rates, and state variables; a recorded neuron is caught up (exactly) at the
     * end of every step to be sampled, which changes no result but costs its updates.
     */
    public EventEngine record(Monitor monitor) {
        requireNotStarted("record");
        monitors.add(Check.notNull("monitor", monitor));
        return this;
    }

    private void requireNotStarted(String what) {
        if (started) {
            throw new IllegalStateException(what + ": the engine has already run; configure it before the first run");
        }
    }

    public RunResult run(double durationSeconds) {
        Check.nonNegative("durationSeconds", durationSeconds);
        return runSteps(Math.round(durationSeconds / dtSeconds));
    }

    public RunResult runSteps(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps " + steps + ": must be >= 0");
        }
        if (!started) {
            long t0 = System.nanoTime();
            start();
            buildSeconds = (System.nanoTime() - t0) * 1e-9;
            started = true;
        }
        long t0 = System.nanoTime();
        for (long k = step + 1, last = step + steps; k <= last && !stopped; k++) {
            if (scheduler == null) {
                advance(k);
            } else {
                advanceAsync(k);
            }
            for (Pop p : pops) {
                p.sample(k);
            }
            step = k;
        }
        loopSeconds += (System.nanoTime() - t0) * 1e-9;
        return result();
    }

    // ---------------------------------------------------------------- one step

    private void advance(long k) {
        int current = slotsForStep(k);
        for (int s = 0; s < sources.length; s++) {
            int count = sources[s].emit(k, sourceSpikes[s]);
            sourceSpikeTotal += count;
            for (Outgoing o : sourceOutgoing[s]) {
                synOps += o.deliver(sourceSpikes[s], count, 0, slotOfDelay);
            }
        }
        for (int idx : order) {
            Pop p = pops[idx];
            int count = p.step(k, current);
            p.spikeTotal += count;
            p.recordSpikes(count, k);
            if (count > 0) {
                cycles++;
                if (idx == output) {
                    for (int s = 0; s < count; s++) {
                        outputSpike(p.slice.spikes[s], cycles);
                    }
                }
            }
            for (Outgoing o : p.outgoing) {
                synOps += o.deliver(p.slice.spikes, count, 0, slotOfDelay);
            }
            if (count > 0 && shouldStop()) {
                stopped = true;
                return;
            }
        }
    }

    /** Fills slotOfDelay for step k (the ring slot of each delay) and returns the step's own slot. */
    private int slotsForStep(long k) {
        int current = (int) (k % slots);
        for (int d = 0; d < slots; d++) {
            int s = current + d;
            slotOfDelay[d] = s >= slots ? s - slots : s;
        }
        return current;
    }

    /** One step of the asynchronous schedule. */
    private void advanceAsync(long k) {
        int current = slotsForStep(k);
        // the step's input spikes become pending first, then the neurons its earlier arrivals open
        for (int s = 0; s < sources.length; s++) {
            int count = sources[s].emit(k, sourceSpikes[s]);
            sourceSpikeTotal += count;
            for (int j = 0; j < count; j++) {
                pendingGroup.add(-1 - s);
                pendingNeuron.add(sourceSpikes[s][j]);
            }
            pendingInputs += count;
        }
        for (int idx : order) {
            pops[idx].open(k, current);
        }
        int[] groupG = emittingGroup;
        int[] groupN = emittingNeuron;
        int stepCycles = 0;
        while (pendingGroup.size() > 0) {
            if (stepCycles == cyclesPerStep) {
                dropPending();
                break;
            }
            int m = 0;
            while (m < groupSize && pendingGroup.size() > 0) {
                int j = inputFirst ? firstInput() : -1;
                if (j < 0) {
                    j = scheduler.next(pendingView, scheduleRng);
                }
                int g = pendingGroup.get(j);
                int i = pendingNeuron.get(j);
                pendingGroup.removeAt(j);
                pendingNeuron.removeAt(j);
                if (g < 0) {
                    pendingInputs--;
                } else {
                    Pop p = pops[g];
                    p.pendingAt[i] = -1;
                    if (!(p.slice.v[i] > p.c.vThreshold)) {
                        continue; // taken back below threshold before its turn: no spike
                    }
                    LifStep.fire(i, p.c, p.slice.v, p.slice.refractory, p.slice.heldV);
                    p.spikedAt[i] = k;
                    p.spikeTotal++;
                    p.recordSpike(i, k);
                    if (g == output) {
                        outputSpike(i, cycles + 1); // this cycle, counted once the group is complete
                    }
                }
                groupG[m] = g;
                groupN[m++] = i;
            }
            if (m > 0) {
                cycles++;
                stepCycles++;
            }
            for (int e = 0; e < m; e++) {
                Edge[] edges = groupG[e] >= 0 ? pops[groupG[e]].edges : sourceEdges[-1 - groupG[e]];
                for (Edge edge : edges) {
                    deliverAsync(edge, groupN[e], k);
                }
            }
            if (m > 0 && shouldStop()) {
                stopped = true;
                break;
            }
        }
        for (Pop p : pops) {
            p.closeStep(k);
        }
    }

    /** Forgets what is still pending (the step ran out of cycles). */
    private void dropPending() {
        for (int j = 0; j < pendingGroup.size(); j++) {
            int g = pendingGroup.get(j);
            if (g >= 0) {
                pops[g].pendingAt[pendingNeuron.get(j)] = -1;
            }
        }
        pendingGroup.clear();
        pendingNeuron.clear();
        pendingInputs = 0;
    }

    private int firstInput() {
        for (int j = 0; j < pendingGroup.size(); j++) {
            if (pendingGroup.get(j) < 0) {
                return j;
            }
        }
        return -1;
    }

    /** A spike of neuron pre along one projection: zero-delay arrivals now, the others into the slots of their steps. */
    private void deliverAsync(Edge e, int pre, long k) {
        Pop t = e.target;
        int ports = t.c.ports;
        for (int syn = e.rowStart[pre]; syn < e.rowStart[pre + 1]; syn++) {
            int i = e.targets[syn];
            float w = e.weights[syn];
            synOps++;
            int d = e.delays[syn];
            if (d > 0) {
                int slot = slotOfDelay[d];
                if (t.lists != null) {
                    t.lists.add(slot, i, e.port, w);
                } else {
                    t.slice.ring[slot * ports + e.port][i] += w;
                }
            } else {
                if (t.openedAt[i] != k) {
                    // first touch this step: its step is integrated without this arrival (it has no
                    // delayed ones, or it would have been opened), then the arrival comes like any other;
                    // so every zero-delay arrival adds to V and I the same way, which a trainer can follow
                    t.openOne(i, k);
                }
                t.arriveNow(i, e.port, w, k);
            }
        }
    }

    /** A projection's synapses with their targets, weights and delays, for the asynchronous delivery. */
    private record Edge(int[] rowStart, int[] targets, float[] weights, short[] delays, Pop target, int port) {
    }

    /** One population's lazy state, arrival lists and self-crossing calendar. */
    private final class Pop {
        /** This population's index in the network (and in pops). */
        final int index;
        final String name;
        final int n;
        final StepConstants c;
        final Slice slice;
        /** Every neuron updated every step (see stepSelfDriven), its arrivals in the ring; no lists, no calendar. */
        final boolean dense;
        /** The arrivals of each ring slot, in delivery order; null when dense. */
        final ArrivalLists lists;
        /** This step's arrivals per port and neuron, summed from the lists; zero once integrated. */
        final float[][] arrivals;
        /** Each neuron's state is its state at the end of this step. */
        final int[] atStep;
        /** True once a neuron's state no longer changes from step to step (until it is touched). */
        final boolean[] fixed;
        /** The step of a neuron's predicted self-driven crossing (or re-check), or -1. */
        final long[] nextSelf;
        final IntList[] calendar;
        /** The predicted state just before the crossing, valid while nextSelf is and nothing touched it. */
        final float[] snapV;
        final float[][] snapCurrent;
        final int[] snapRefractory;
        final float[] snapHeld;
        final long[] candidateStamp;
        final int[] candidates;
        // one-neuron scratch for the prediction
        final float[] sv = new float[1];
        final float[][] sc;
        final float[] pc;
        final int[] sr = new int[1];
        final float[] sh = new float[1];
        final float[] se = new float[1];
        Outgoing[] outgoing = new Outgoing[0];
        Edge[] edges = new Edge[0];
        // asynchronous schedule: the step at which each neuron was opened, spiked, held, made pending
        final long[] openedAt;
        final long[] spikedAt;
        final long[] heldAt;
        final long[] pendingAt;
        final IntList opened = new IntList(64);
        long spikeTotal;
        IntList recordSteps;
        IntList recordNeurons;
        boolean[] recordSelection;
        IntList rateRecord;
        long spikesAtStepStart;
        final List<TraceRecorder> stateRecords = new ArrayList<>();

        Pop(int index, org.snn4j.model.Population pop, AnalogInput[] inputs) {
            this.index = index;
            name = pop.name();
            n = pop.size();
            c = new StepConstants(pop.model(), dtSeconds);
            dense = stepSelfDriven && inputs.length == 0 && selfDriven(c);
            slice = new Slice(pop, c, 0, n, dense ? slots : 1, inputs); // the ring only when stepped
            lists = dense ? null : new ArrivalLists(slots, c.ports);
            arrivals = dense ? null : new float[c.ports][n];
            atStep = new int[n];
            fixed = new boolean[n];
            nextSelf = new long[n];
            snapV = new float[n];
            snapCurrent = new float[c.ports][n];
            snapRefractory = new int[n];
            snapHeld = new float[n];
            candidateStamp = new long[n];
            candidates = new int[n];
            openedAt = new long[n];
            spikedAt = new long[n];
            heldAt = new long[n];
            pendingAt = new long[n];
            Arrays.fill(openedAt, -1);
            Arrays.fill(spikedAt, -1);
            Arrays.fill(heldAt, -1);
            Arrays.fill(pendingAt, -1);
            sc = new float[c.ports][1];
            pc = new float[c.ports];
            calendar = new IntList[(closedForm ? CLOSED_FORM_SPAN : HORIZON) + 1];
            for (int b = 0; b < calendar.length; b++) {
                calendar[b] = new IntList(16);
            }
            Arrays.fill(candidateStamp, -1);
            for (int i = 0; i < n && !dense; i++) {
                predict(i, 0);
            }
        }

        /** Asynchronous schedule: opens the neurons touched at the start of step k (arrivals, self-crossings). */
        void open(long k, int slot) {
            if (dense) {
                openAll(k, slot);
                return;
            }
            int m = collect(k, slot);
            // ascending: the order neurons become pending is the order FIFO emits them
            Arrays.sort(candidates, 0, m);
            for (int j = 0; j < m; j++) {
                openOne(candidates[j], k);
            }
        }

        /**
         * {@link #openOne} for every neuron of a dense population, in the clock engine's vectorized
         * loops (bitwise integrateOne's for the neurons that are not refractory); the refractory ones
         * keep their held V and count down. In index order, as openOne would make them pending.
         */
        private void openAll(long k, int slot) {
            LifStep.integrate(0, n, c, slice.v, slice.current, slice.arrivals[slot], slice.ext, slice.drive);
            neuronUpdates += n;
            float[] v = slice.v;
            int[] refractory = slice.refractory;
            for (int i = 0; i < n; i++) {
                openedAt[i] = k;
                if (refractory[i] > 0) {
                    v[i] = slice.heldV[i];
                    refractory[i]--;
                    heldAt[i] = k;
                } else {
                    heldAt[i] = -1;
                    if (v[i] > c.vThreshold) {
                        makePending(i, k);
                    }
                }
            }
        }

        /** Catches neuron i up and integrates its step k with the arrivals so far; pending if it crosses. */
        void openOne(int i, long k) {
            boolean held;
            boolean crosses;
            if (closedForm) {
                long n = k - atStep[i];
                held = slice.refractory[i] >= n;
                crosses = LifStep.integrateClosedForm(i, c, slice.v, slice.current, arrivals, slice.ext,
                        slice.refractory, slice.heldV, n);
            } else {
                catchUp(i, k - 1);
                held = slice.refractory[i] > 0;
                crosses = LifStep.integrateOne(i, c, slice.v, slice.current, arrivals, slice.ext,
                        slice.refractory);
            }
            neuronUpdates++;
            atStep[i] = (int) k;
            fixed[i] = false;
            openedAt[i] = k;
            heldAt[i] = held ? k : -1;
            opened.add(i);
            if (crosses) {
                makePending(i, k);
            }
        }

        /** A zero-delay arrival at a neuron already opened this step: integrated at once. */
        void arriveNow(int i, int port, float w, long k) {
            slice.current[port][i] += c.alpha[port] * w;
            if (spikedAt[i] == k || heldAt[i] == k) {
                return; // refractory, or already spiked this step: the current only
            }
            slice.v[i] += c.psc[port] * w;
            if (slice.v[i] > c.vThreshold && pendingAt[i] != k) {
                makePending(i, k);
            }
        }

        private void makePending(int i, long k) {
            pendingAt[i] = k;
            pendingGroup.add(index);
            pendingNeuron.add(i);
        }

        /** After the step: the opened neurons search their next self-driven crossing. */
        void closeStep(long k) {
            for (int j = 0; j < opened.size(); j++) { // never a dense population's: openAll lists none
                predict(opened.get(j), k);
            }
            opened.clear();
        }

        /** End of step k: the rate count, and the recorded state variables (their neurons caught up to k). */
        void sample(long k) {
            if (rateRecord != null) {
                rateRecord.add((int) (spikeTotal - spikesAtStepStart));
                spikesAtStepStart = spikeTotal;
            }
            for (TraceRecorder r : stateRecords) {
                float[] array = slice.variable(r.variable);
                for (int i : r.neurons) {
                    boolean behind = atStep[i] < k;
                    catchUp(i, k);
                    if (closedForm && behind && nextSelf[i] > k) {
                        predict(i, k); // the crossing from the new state, as its next touch will compute it
                    }
                    r.add(array[i]);
                }
            }
        }

        void recordSpike(int i, long k) {
            if (recordSteps != null && (recordSelection == null || recordSelection[i])) {
                recordSteps.add((int) k);
                recordNeurons.add(i);
            }
        }

        /** The neurons touched at step k (arrivals, self-crossings, analog changes), in candidates[0..m), unordered. */
        private int collect(long k, int slot) {
            int m = lists.drain(slot, arrivals, candidateStamp, k, candidates, 0);
            IntList due = calendar[(int) (k % calendar.length)];
            if (slice.hasInputs() && slice.inputChangesAt(k)) {
                // the old value holds up to k - 1: bring everyone there first, then apply the new one
                for (int i = 0; i < n; i++) {
                    catchUp(i, k - 1);
                }
                slice.updateExternalDrive(k);
                for (int i = 0; i < n; i++) {
                    if (candidateStamp[i] != k) {
                        candidateStamp[i] = k;
                        candidates[m++] = i;
                    }
                }
            } else {
                for (int j = 0; j < due.size(); j++) {
                    int i = due.get(j);
                    // a neuron can be in the bucket twice (re-predicted for the same step), or reached
                    if (nextSelf[i] == k && candidateStamp[i] != k) {
                        candidateStamp[i] = k;
                        candidates[m++] = i;
                    }
                }
            }
            due.clear();
            return m;
        }

        /** Processes the neurons touched at step k; returns the spike count (spikes in slice.spikes, ascending). */
        int step(long k, int slot) {
            if (dense) {
                neuronUpdates += n;
                return slice.step(k, slot);
            }
            int m = collect(k, slot);
            int count = 0;
            for (int j = 0; j < m; j++) {
                int i = candidates[j];
                neuronUpdates++;
                boolean spikes;
                if (closedForm) {
                    spikes = LifStep.integrateClosedForm(i, c, slice.v, slice.current, arrivals, slice.ext,
                            slice.refractory, slice.heldV, k - atStep[i]);
                    if (spikes) {
                        LifStep.fire(i, c, slice.v, slice.refractory, slice.heldV);
                    }
                } else {
                    catchUp(i, k - 1);
                    spikes = LifStep.advanceOne(i, c, slice.v, slice.current, arrivals, slice.ext, slice.refractory,
                            slice.heldV);
                    fixed[i] = false; // (closed form never sets it)
                }
                if (spikes) {
                    slice.spikes[count++] = i;
                }
                atStep[i] = (int) k;
                predict(i, k);
            }
            // the clock engine's order (ascending), which fixes the order of the arrivals' float sums;
            // the spikes are few, the touched neurons many, so they are sorted rather than the candidates
            Arrays.sort(slice.spikes, 0, count);
            return count;
        }

        /**
         * Brings neuron i's state to the end of step target: one exact step at a time, or (closed-form
         * catch-up) exactly through its refractory steps and then in closed form.
         */
        private void catchUp(int i, long target) {
            if (dense || atStep[i] >= target) {
                return;
            }
            if (closedForm) {
                LifStep.integrateClosedForm(i, c, slice.v, slice.current, null, slice.ext, slice.refractory,
                        slice.heldV, target - atStep[i]);
                neuronUpdates++;
                atStep[i] = (int) target;
                return;
            }
            if (nextSelf[i] == target + 1) {
                // the prediction stopped just before this step: its state is the caught-up one
                slice.v[i] = snapV[i];
                for (int p = 0; p < c.ports; p++) {
                    slice.current[p][i] = snapCurrent[p][i];
                }
                slice.refractory[i] = snapRefractory[i];
                slice.heldV[i] = snapHeld[i];
                atStep[i] = (int) target;
                return;
            }
            while (atStep[i] < target && !fixed[i]) {
                float v0 = slice.v[i];
                int r0 = slice.refractory[i];
                boolean same = true;
                float[][] cur = slice.current;
                for (int p = 0; p < c.ports && same; p++) {
                    same = cur[p][i] == 0f;
                }
                if (LifStep.advanceOne(i, c, slice.v, cur, null, slice.ext, slice.refractory, slice.heldV)) {
                    throw new IllegalStateException("neuron " + i + " of '" + name + "' crossed threshold at step "
                            + (atStep[i] + 1) + " outside its predicted crossing (internal error)");
                }
                neuronUpdates++;
                atStep[i]++;
                fixed[i] = same && r0 == 0 && slice.refractory[i] == 0 && Float.compare(v0, slice.v[i]) == 0;
            }
            atStep[i] = (int) target;
        }

        /**
         * Runs neuron i's update ahead on a copy of its state from step k without arrivals, up to the
         * horizon: the first crossing is put in the calendar with the state just before it; a state
         * that stops changing never crosses; otherwise the neuron is re-checked at the horizon.
         */
        private void predict(int i, long k) {
            if (closedForm) {
                predictClosedForm(i, k);
                return;
            }
            nextSelf[i] = -1;
            if (cannotCross(i)) {
                return;
            }
            sv[0] = slice.v[i];
            for (int p = 0; p < c.ports; p++) {
                sc[p][0] = slice.current[p][i];
            }
            sr[0] = slice.refractory[i];
            sh[0] = slice.heldV[i];
            float[] ext = null;
            if (slice.ext != null) {
                se[0] = slice.ext[i];
                ext = se;
            }
            int h = 1;
            // the state before each step is kept in pv, pc, pr, ph and becomes the snapshot of the step
            // the neuron is scheduled at
            float pv = 0;
            int pr = 0;
            float ph = 0;
            for (; h <= HORIZON; h++) {
                pv = sv[0];
                boolean quiet = sr[0] == 0;
                for (int p = 0; p < c.ports; p++) {
                    pc[p] = sc[p][0];
                    quiet &= pc[p] == 0f;
                }
                pr = sr[0];
                ph = sh[0];
                if (LifStep.advanceOne(0, c, sv, sc, null, ext, sr, sh)) {
                    neuronUpdates++;
                    schedule(i, k + h, pv, pr, ph);
                    return;
                }
                if (quiet && sr[0] == 0 && Float.compare(pv, sv[0]) == 0) {
                    return; // at rest: a neuron that stays put costs nothing
                }
                neuronUpdates++;
            }
            // no crossing within the horizon: re-check then, from the state just before that step
            schedule(i, k + HORIZON, pv, pr, ph);
        }

        /**
         * Closed-form catch-up's search for neuron i's next crossing from its state at step k: the V
         * of each later step is the one the closed-form touch will compute there ({@link LifStep#freeV},
         * rounded to float), so the crossing scheduled is the one the touch finds. A neuron driven
         * through one port has, once free, V(m) = C + A beta^m + B alpha^m, with at most one extremum
         * (where the derivative vanishes): its maximum says whether it crosses at all and where the
         * search can stop. Otherwise the search runs to the horizon and the neuron is re-checked there.
         */
        private void predictClosedForm(int i, long k) {
            nextSelf[i] = -1;
            if (cannotCross(i)) {
                return;
            }
            int r = slice.refractory[i];
            int span = calendar.length - 1;
            if (r >= span) {
                scheduleAt(i, k + span);
                return;
            }
            int port = drivingPort(i);
            if (port >= 0 && c.oneExtremum[port]) {
                double vh = r > 0 ? slice.heldV[i] : slice.v[i];
                double x = r > 0 ? c.alphaPow(port, r) * slice.current[port][i] : slice.current[port][i];
                double vInf = (slice.ext == null ? c.restDrive : (double) c.restDrive + slice.ext[i]) * c.vInfPerDrive;
                double scaled = c.psc[port] * x * c.invBetaMinusAlpha[port];
                double a = vh - vInf + scaled; // V(m) = vInf + a beta^m + b alpha^m
                double b = -scaled;
                double ratio = -b * c.lnAlpha[port] / (a * c.lnBeta);
                boolean maximum = ratio > 0 && (c.alpha[port] < c.beta ? a : b) > 0;
                double mStar = maximum ? Math.log(ratio) * c.invLnBetaOverAlpha[port] : 0;
                neuronUpdates++;
                if (maximum && mStar >= 1) {
                    if (r + mStar + 1 <= span) {
                        scheduleRisingCrossing(i, k, r, (long) mStar);
                        return;
                    } // a maximum beyond the calendar: searched to the horizon below, then re-checked
                } else if (maximum || vInf + a * c.beta + b * c.alpha[port] >= vInf) {
                    // no rise after the first free step (a maximum before it, or a monotone fall)
                    if (crossesAt(i, r, 1)) {
                        scheduleAt(i, k + r + 1);
                    }
                    return;
                } else if (vInf < c.vThreshold - 1e-4 * (Math.abs(c.vThreshold) + Math.abs(vInf))
                        && !crossesAt(i, r, 1)) {
                    return; // a monotone rise or a dip towards vInf, which is below threshold
                }
            }
            long last = Math.min(span, r + HORIZON);
            for (long h = r + 1; h <= last; h++) {
                if (crossesAt(i, r, h - r)) {
                    scheduleAt(i, k + h);
                    return;
                }
            }
            scheduleAt(i, k + last); // re-check then
        }

        /**
         * Neuron i's V rises to its maximum at free step m0 or m0 + 1, then falls: the crossing, if
         * any, is the first free step over threshold before it, found by bisection.
         */
        private void scheduleRisingCrossing(int i, long k, int r, long m0) {
            long top = crossesAt(i, r, m0) ? m0 : crossesAt(i, r, m0 + 1) ? m0 + 1 : -1;
            if (top < 0) {
                return;
            }
            long below = 0; // free step 0: the present state (or the held V), below threshold
            while (top - below > 1) {
                long mid = (below + top) >>> 1;
                if (crossesAt(i, r, mid)) {
                    top = mid;
                } else {
                    below = mid;
                }
            }
            scheduleAt(i, k + r + top);
        }

        /**
         * Whether neuron i, refractory for r more steps, is over threshold after r + m steps without
         * arrivals, as the closed-form touch will compute it then.
         */
        private boolean crossesAt(int i, int r, long m) {
            neuronUpdates++;
            return (float) LifStep.freeV(i, c, slice.v, slice.current, slice.ext, slice.heldV, r, r + m) > c.vThreshold;
        }

        /** The one port with a non-zero current (0 if none), or -1 when several have one. */
        private int drivingPort(int i) {
            int port = 0;
            int nonZero = 0;
            for (int p = 0; p < c.ports; p++) {
                if (slice.current[p][i] != 0f) {
                    port = p;
                    nonZero++;
                }
            }
            return nonZero > 1 ? -1 : port;
        }

        /** Puts neuron i in the calendar at step {@code at} (closed form: no snapshot, the touch recomputes it). */
        private void scheduleAt(int i, long at) {
            nextSelf[i] = at;
            calendar[(int) (at % calendar.length)].add(i);
        }

        /** Puts neuron i in the calendar at step {@code at}, with the predicted state just before it (and pc). */
        private void schedule(int i, long at, float v, int refractory, float held) {
            snapV[i] = v;
            for (int p = 0; p < c.ports; p++) {
                snapCurrent[p][i] = pc[p];
            }
            snapRefractory[i] = refractory;
            snapHeld[i] = held;
            nextSelf[i] = at;
            calendar[(int) (at % calendar.length)].add(i);
        }

        /**
         * A conservative bound: without arrivals, V stays below max(V, held V, V_inf) plus every port's
         * positive drive at its peak, psc I times the peak of the unit response. If that is below threshold
         * by a margin far above float rounding, the neuron cannot cross until it is touched, and its
         * prediction is skipped. (The bound decides only whether to search, never what the state is.)
         */
        private boolean cannotCross(int i) {
            float[] ext = slice.ext;
            float[][] current = slice.current;
            double vInf = (c.restDrive + (ext == null ? 0 : ext[i])) * c.vInfPerDrive;
            double bound = Math.max(Math.max(slice.v[i], slice.heldV[i]), vInf);
            for (int p = 0; p < c.ports; p++) {
                double drive = (double) c.psc[p] * current[p][i];
                if (drive > 0) {
                    bound += drive * c.peakGain[p];
                }
            }
            double margin = 1e-4 * (Math.abs(c.vThreshold) + Math.abs(bound) + Math.abs(vInf)) + 1e-30;
            return bound < c.vThreshold - margin;
        }

        void recordSpikes(int count, long k) {
            if (recordSteps == null) {
                return;
            }
            for (int s = 0; s < count; s++) {
                int i = slice.spikes[s];
                if (recordSelection == null || recordSelection[i]) {
                    recordSteps.add((int) k);
                    recordNeurons.add(i);
                }
            }
        }
    }

    // ---------------------------------------------------------------- set-up

    /** Whether the resting drive alone holds V_inf above threshold (every neuron fires by itself). */
    private static boolean selfDriven(StepConstants c) {
        if (c.beta >= 1f) {
            return c.restDrive > 0f;
        }
        return c.restDrive / (1 - (double) c.beta) > c.vThreshold;
    }

    private void start() {
        int capacity = DelayCapacity.resolve(network, delayCapacity);
        slots = capacity + 1;
        slotOfDelay = new int[slots];
        order = network.updateOrder();
        pops = new Pop[network.populations().size()];
        for (int p = 0; p < pops.length; p++) {
            String name = network.populations().get(p).name();
            AnalogInput[] inputs = network.analogInputs().stream().filter(a -> a.target().equals(name))
                    .toArray(AnalogInput[]::new);
            pops[p] = new Pop(p, network.populations().get(p), inputs);
        }
        SplittableRandom streams = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<SpikeSource> srcs = network.sources();
        sources = new SourceStream[srcs.size()];
        sourceSpikes = new int[srcs.size()][];
        sourceOutgoing = new Outgoing[srcs.size()][0];
        for (int s = 0; s < sources.length; s++) {
            sources[s] = new SourceStream(srcs.get(s), dtSeconds, streams.split());
            sourceSpikes[s] = new int[srcs.get(s).size()];
        }
        sourceEdges = new Edge[srcs.size()][0];
        for (Projection p : network.projections()) {
            Pop target = pops[network.populationIndex(p.target())];
            Outgoing o = new Outgoing(p, target.slice, target.lists);
            Edge e = new Edge(p.rowStartArray(), p.targetArray(), p.weightArray(), p.delayArray(), target, p.port());
            int src = network.populationIndex(p.source());
            if (src >= 0) {
                pops[src].outgoing = append(pops[src].outgoing, o);
                pops[src].edges = Arrays.copyOf(pops[src].edges, pops[src].edges.length + 1);
                pops[src].edges[pops[src].edges.length - 1] = e;
            } else {
                int s = network.sourceIndex(p.source());
                sourceOutgoing[s] = append(sourceOutgoing[s], o);
                sourceEdges[s] = Arrays.copyOf(sourceEdges[s], sourceEdges[s].length + 1);
                sourceEdges[s][sourceEdges[s].length - 1] = e;
            }
        }
        scheduleRng = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        if (outputName != null) {
            output = network.populationIndex(outputName);
            outputCounts = new int[pops[output].n];
            outputFirst = new int[pops[output].n];
        }
        emittingGroup = new int[groupSize];
        emittingNeuron = new int[groupSize];
        for (Monitor monitor : monitors) {
            if (monitor instanceof Monitor.Spikes m) {
                if (m.population() != null && network.populationIndex(m.population()) < 0) {
                    throw new IllegalArgumentException("spike monitor of '" + m.population()
                            + "': no such population (the event engine records populations' spikes)");
                }
                for (Pop p : pops) {
                    if (m.population() == null || m.population().equals(p.name)) {
                        recordSpikesOf(p, m.neurons());
                    }
                }
            } else if (monitor instanceof Monitor.Rates r) {
                pop(r.population(), "rate monitor").rateRecord = new IntList(1024);
            } else if (monitor instanceof Monitor.States st) {
                Pop p = pop(st.population(), "state monitor");
                if (st.variable().port() >= p.c.ports) {
                    throw new IllegalArgumentException("state variable " + st.variable().name() + " of '" + p.name
                            + "': the population has " + p.c.ports + " port(s)");
                }
                for (int i : st.neurons()) {
                    if (i < 0 || i >= p.n) {
                        throw new IllegalArgumentException("neuron " + i + " of state monitor of '" + p.name
                                + "': must be in [0, " + p.n + ")");
                    }
                }
                p.stateRecords.add(new TraceRecorder(st.variable(), st.neurons()));
            }
        }
    }

    private Pop pop(String name, String what) {
        int i = network.populationIndex(name);
        if (i < 0) {
            throw new IllegalArgumentException(what + " of '" + name + "': no such population");
        }
        return pops[i];
    }

    private static void recordSpikesOf(Pop p, int[] neurons) {
        if (p.recordSteps == null) {
            p.recordSteps = new IntList(1024);
            p.recordNeurons = new IntList(1024);
            p.recordSelection = neurons == null ? null : new boolean[p.n];
        } else if (neurons == null) {
            p.recordSelection = null;
        }
        if (neurons != null && p.recordSelection != null) {
            for (int i : neurons) {
                if (i < 0 || i >= p.n) {
                    throw new IllegalArgumentException("neuron " + i + " of spike monitor of '" + p.name
                            + "': must be in [0, " + p.n + ")");
                }
                p.recordSelection[i] = true;
            }
        }
    }

    private static Outgoing[] append(Outgoing[] a, Outgoing o) {
        Outgoing[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = o;
        return b;
    }

    private RunResult result() {
        Map<String, SpikeTrain> spikes = new LinkedHashMap<>();
        Map<String, StateTrace[]> states = new LinkedHashMap<>();
        Map<String, PopulationRate> rates = new LinkedHashMap<>();
        Map<String, Long> perPopulation = new LinkedHashMap<>();
        long total = 0;
        for (Pop p : pops) {
            perPopulation.put(p.name, p.spikeTotal);
            total += p.spikeTotal;
            if (p.recordSteps != null) {
                spikes.put(p.name, new SpikeTrain(p.name, p.recordSteps.toArray(), p.recordNeurons.toArray(), dtSeconds));
            }
            if (p.rateRecord != null) {
                rates.put(p.name, new PopulationRate(p.name, p.n, p.rateRecord.toArray(), dtSeconds));
            }
            if (!p.stateRecords.isEmpty()) {
                StateTrace[] traces = new StateTrace[p.stateRecords.size()];
                for (int t = 0; t < traces.length; t++) {
                    traces[t] = p.stateRecords.get(t).toTrace(p.name);
                }
                states.put(p.name, traces);
            }
        }
        Cost cost = new Cost(step, network.neuronCount(), network.synapseCount(), total,
                java.util.Collections.unmodifiableMap(perPopulation), sourceSpikeTotal, synOps, neuronUpdates,
                buildSeconds, loopSeconds);
        return new RunResult(dtSeconds, spikes, states, rates, cost);
    }
}
