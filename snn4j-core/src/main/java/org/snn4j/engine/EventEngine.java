package org.snn4j.engine;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.snn4j.model.AnalogInput;
import org.snn4j.model.Check;
import org.snn4j.model.Network;
import org.snn4j.model.Projection;
import org.snn4j.model.SpikeSource;

/**
 * The event-driven engine: a neuron is touched only when a spike reaches it, when its own drive
 * takes it over threshold, or when an analog input into it changes value. Between touches its state
 * is left alone; the next touch catches it up with the kernel, by replaying the clock engine's float
 * step once per elapsed step (stopping once the neuron sits at its float fixed point, so a silent
 * network costs nothing) or, with {@link #closedFormCatchUp}, in one closed-form update. A neuron's
 * next self-driven crossing is predicted ahead of time and put in a calendar
 * ({@link LazyPopulation}). With the synchronous schedule (the default: populations in zero-delay
 * order, a step's spikes delivered together) the spikes are bitwise the clock engine's in exact
 * catch-up. {@link #schedule} selects an asynchronous schedule instead ({@link AsyncSchedule}): no
 * layer synchronization within a step, pending spikes emitted a group at a time in the order a
 * {@link Scheduler} chooses.
 *
 * <p>Records spikes, population rates and state variables, like the clock engine (a recorded
 * neuron is caught up exactly at the end of every step to be sampled, which changes no result but
 * costs its updates). Single-threaded.
 */
public final class EventEngine extends EngineBase<EventEngine> {
    /** null: the synchronous schedule; else the asynchronous one with this scheduler. */
    private Scheduler scheduler;
    private int groupSize = 1;
    private boolean inputFirst;
    private boolean closedForm;
    private int cyclesPerStep = Integer.MAX_VALUE;
    private boolean stepSelfDriven = true;

    private AsyncSchedule async;
    private final AsyncSchedule.Handler asyncHandler = new Handler();
    private LazyPopulation[] pops;
    private int[] order;
    private SourceStream[] sources;
    private Recording[] sourceRecordings;
    private int[][] sourceSpikes;
    private Outgoing[][] sourceOutgoing;
    private LazyPopulation.Edge[][] sourceEdges;
    private int slots;
    private int[] slotOfDelay;
    /** The step being run (the asynchronous handler's deliveries need it). */
    private long currentStep;
    private long synOps;

    EventEngine(Network network, double dtSeconds) {
        super(network, dtSeconds);
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
    @Override
    public long cycles() {
        return async != null ? async.cycles() : super.cycles();
    }

    @Override
    public RunResult runSteps(long steps, ProgressListener progress) {
        requireSteps(steps);
        if (!started) {
            long t0 = System.nanoTime();
            start();
            buildSeconds = (System.nanoTime() - t0) * 1e-9;
            started = true;
        }
        long reportEvery = Math.max(1, steps / 200);
        long t0 = System.nanoTime();
        long first = step + 1;
        for (long k = first, last = step + steps; k <= last && !stopped; k++) {
            currentStep = k;
            if (async == null) {
                advance(k);
            } else {
                advanceAsync(k);
            }
            for (LazyPopulation p : pops) {
                p.sample(k);
            }
            step = k;
            if ((k - first + 1) % reportEvery == 0) {
                progress.progress(k - first + 1, steps);
            }
        }
        loopSeconds += (System.nanoTime() - t0) * 1e-9;
        progress.progress(steps, steps);
        return result();
    }

    // ---------------------------------------------------------------- one step

    /** Emits the sources' spikes of step k into sourceSpikes; returns nothing, counts them. */
    private void emitSources(long k) {
        for (int s = 0; s < sources.length; s++) {
            int count = sources[s].emit(k, sourceSpikes[s]);
            sourceRecordings[s].spikeTotal += count;
            if (async == null) {
                for (Outgoing o : sourceOutgoing[s]) {
                    synOps += o.deliver(sourceSpikes[s], count, 0, slotOfDelay);
                }
            } else {
                for (int j = 0; j < count; j++) {
                    async.pendInput(s, sourceSpikes[s][j]);
                }
            }
        }
    }

    /** One step of the synchronous schedule. */
    private void advance(long k) {
        int current = slotsForStep(k);
        emitSources(k);
        for (int idx : order) {
            LazyPopulation p = pops[idx];
            int count = p.step(k, current);
            p.recording.spikes(p.slice.spikes, count, k);
            for (Outgoing o : p.outgoing) {
                synOps += o.deliver(p.slice.spikes, count, 0, slotOfDelay);
            }
            if (layerSpiked(idx, p.slice.spikes, count)) {
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
        emitSources(k);
        for (int idx : order) {
            pops[idx].open(k, current);
        }
        if (async.runStep(asyncHandler)) {
            stopped = true;
        }
        for (LazyPopulation p : pops) {
            p.closeStep(k);
        }
    }

    /** The asynchronous schedule's view of the populations (groups) and sources (negative groups). */
    private final class Handler implements AsyncSchedule.Handler {
        @Override
        public float potential(int g, int i) {
            return pops[g].slice.v[i];
        }

        @Override
        public boolean fire(int g, int i, int cycleInStep) {
            if (!pops[g].fire(i, currentStep)) {
                return false;
            }
            if (g == output) {
                tally.spike(i, async.cycles() + 1); // this cycle, counted once the group is complete
            }
            return true;
        }

        @Override
        public void deliver(int g, int i, int cycleInStep) {
            LazyPopulation.Edge[] edges = g >= 0 ? pops[g].edges : sourceEdges[-1 - g];
            for (LazyPopulation.Edge edge : edges) {
                synOps += edge.target().deliver(edge, i, currentStep, slotOfDelay);
            }
        }

        @Override
        public void drop(int g, int i) {
            pops[g].pendingAt[i] = -1;
        }

        @Override
        public boolean stop() {
            return shouldStop();
        }
    }

    // ---------------------------------------------------------------- set-up

    private void start() {
        int capacity = DelayCapacity.resolve(network, delayCapacity);
        slots = capacity + 1;
        slotOfDelay = new int[slots];
        order = network.updateOrder();
        if (scheduler != null) {
            async = new AsyncSchedule(scheduler, groupSize, cyclesPerStep, inputFirst, seed);
        }
        pops = new LazyPopulation[network.populations().size()];
        for (int p = 0; p < pops.length; p++) {
            String name = network.populations().get(p).name();
            AnalogInput[] inputs = network.analogInputs().stream().filter(a -> a.target().equals(name))
                    .toArray(AnalogInput[]::new);
            pops[p] = new LazyPopulation(p, network.populations().get(p), inputs, dtSeconds, slots, stepSelfDriven,
                    closedForm);
            pops[p].schedule = async;
        }
        SplittableRandom streams = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<SpikeSource> srcs = network.sources();
        sources = new SourceStream[srcs.size()];
        sourceRecordings = new Recording[srcs.size()];
        sourceSpikes = new int[srcs.size()][];
        sourceOutgoing = new Outgoing[srcs.size()][0];
        sourceEdges = new LazyPopulation.Edge[srcs.size()][0];
        for (int s = 0; s < sources.length; s++) {
            sources[s] = new SourceStream(srcs.get(s), dtSeconds, streams.split());
            sourceRecordings[s] = new Recording(srcs.get(s).name(), srcs.get(s).size());
            sourceSpikes[s] = new int[srcs.get(s).size()];
        }
        for (Projection p : network.projections()) {
            LazyPopulation target = pops[network.populationIndex(p.target())];
            Outgoing o = new Outgoing(p, target.slice, target.lists);
            LazyPopulation.Edge e = new LazyPopulation.Edge(p.rowStartArray(), p.targetArray(), p.weightArray(),
                    p.delayArray(), target, p.port());
            int src = network.populationIndex(p.source());
            if (src >= 0) {
                pops[src].outgoing = append(pops[src].outgoing, o);
                pops[src].edges = append(pops[src].edges, e);
            } else {
                int s = network.sourceIndex(p.source());
                sourceOutgoing[s] = append(sourceOutgoing[s], o);
                sourceEdges[s] = append(sourceEdges[s], e);
            }
        }
        startDecision();
        attachMonitors();
    }

    private void attachMonitors() {
        for (Monitor monitor : monitors) {
            if (monitor instanceof Monitor.Spikes m) {
                if (m.population() != null && network.populationIndex(m.population()) < 0) {
                    throw new IllegalArgumentException("spike monitor of '" + m.population()
                            + "': no such population (the event engine records populations' spikes)");
                }
                for (LazyPopulation p : pops) {
                    if (m.population() == null || m.population().equals(p.name)) {
                        p.recording.recordSpikes(m.neurons());
                    }
                }
            } else if (monitor instanceof Monitor.Rates r) {
                pop(r.population(), "rate monitor").recording.recordRate();
            } else if (monitor instanceof Monitor.States st) {
                LazyPopulation p = pop(st.population(), "state monitor");
                if (st.variable().port() >= p.c.ports) {
                    throw new IllegalArgumentException("state variable " + st.variable().name() + " of '" + p.name
                            + "': the population has " + p.c.ports + " port(s)");
                }
                for (int i : st.neurons()) {
                    p.recording.checkNeuron(i, "state monitor");
                }
                p.recording.traces.add(new TraceRecorder(st.variable(), st.neurons()));
            }
        }
    }

    private LazyPopulation pop(String name, String what) {
        int i = network.populationIndex(name);
        if (i < 0) {
            throw new IllegalArgumentException(what + " of '" + name + "': no such population");
        }
        return pops[i];
    }

    private static <T> T[] append(T[] a, T x) {
        T[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = x;
        return b;
    }

    private RunResult result() {
        Recording[] recordings = new Recording[pops.length];
        long updates = 0;
        for (int p = 0; p < pops.length; p++) {
            recordings[p] = pops[p].recording;
            updates += pops[p].updates;
        }
        return Recording.result(network, dtSeconds, recordings, sourceRecordings, step, synOps, updates, buildSeconds,
                loopSeconds);
    }
}
