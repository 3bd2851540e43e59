package org.snn4j.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.snn4j.kernel.StepConstants;
import org.snn4j.model.AnalogInput;
import org.snn4j.model.Check;
import org.snn4j.model.Network;
import org.snn4j.model.Population;
import org.snn4j.model.Projection;
import org.snn4j.model.SpikeSource;

/**
 * The clock-driven engine: every step advances every neuron with the exact propagators (a SIMD
 * loop over float arrays) and delivers only the spikes that happened, through CSR rows, into a ring
 * buffer of D+1 slots per port (D = the delay capacity). Within a step, spike sources emit first,
 * then populations update in the network's zero-delay topological order, so a zero-delay spike
 * reaches its target in the same step.
 *
 * <p>Configure ({@link #delayCapacity}, {@link #seed}, {@link #record}) before the first run; runs
 * continue from where the previous one stopped. Not thread-safe; results are bitwise reproducible.
 */
public final class ClockEngine extends EngineBase<ClockEngine> {
    private int threads = 1;

    private PopulationState[] populations;
    private int[] order;
    private SourceState[] sources;
    private int slots;
    private Worker[] workers;
    private SpinBarrier barrier;
    private long neuronUpdates;
    private Throwable failure;

    ClockEngine(Network network, double dtSeconds) {
        super(network, dtSeconds);
    }

    /**
     * Worker threads (default 1). Each owns a contiguous slice of every population and delivers
     * spikes only into its own slice, in the single-threaded order, so the results are bitwise the
     * same for every thread count.
     */
    public ClockEngine threads(int count) {
        requireNotStarted("threads");
        threads = Check.positive("threads", count);
        return this;
    }

    /** Advances {@code steps} steps and returns everything recorded since the engine was made. */
    @Override
    public RunResult runSteps(long steps, ProgressListener progress) {
        requireSteps(steps);
        if (failure != null) {
            throw new IllegalStateException("the engine failed in an earlier run and its state is inconsistent; make a"
                    + " new one", failure);
        }
        if (!started) {
            long t0 = System.nanoTime();
            start();
            buildSeconds = (System.nanoTime() - t0) * 1e-9;
        }
        long reportEvery = Math.max(1, steps / 200);
        long t0 = System.nanoTime();
        long first = step + 1;
        long last = step + steps;
        Thread[] helpers = new Thread[workers.length - 1];
        Throwable[] failures = new Throwable[workers.length];
        for (int t = 1; t < workers.length; t++) {
            Worker w = workers[t];
            int index = t;
            helpers[t - 1] = new Thread(() -> {
                try {
                    for (long k = first; k <= last; k++) {
                        w.step(k);
                    }
                } catch (Throwable e) {
                    failures[index] = e;
                    barrier.breakBarrier();
                }
            }, "snn4j-clock-" + t);
            helpers[t - 1].setDaemon(true);
            helpers[t - 1].start();
        }
        try {
            for (long k = first; k <= last && !stopped; k++) {
                workers[0].step(k);
                step = k;
                if ((k - first + 1) % reportEvery == 0) {
                    progress.progress(k - first + 1, steps);
                }
            }
        } catch (RuntimeException | Error e) {
            failures[0] = e;
            if (barrier != null) {
                barrier.breakBarrier();
            }
        }
        for (Thread h : helpers) {
            try {
                h.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the engine threads", e);
            }
        }
        for (Throwable f : failures) {
            if (f != null && !(f instanceof SpinBarrier.Broken)) {
                this.failure = f;
                if (f instanceof Error err) {
                    throw err;
                }
                throw (RuntimeException) f;
            }
        }
        loopSeconds += (System.nanoTime() - t0) * 1e-9;
        progress.progress(steps, steps);
        return result();
    }

    // ---------------------------------------------------------------- one step

    /**
     * One thread's share of the engine: a {@link Slice} of every population (arrays of its own),
     * and every projection cut down to the synapses that end in its slices. Worker 0 also emits the
     * sources' spikes and records the monitors.
     */
    private final class Worker {
        final int index;
        /** slices[p]: this worker's part of population p. */
        final Slice[] slices;
        /** outgoing[g][..]: group g's projections (populations, then sources), cut to this worker's slices. */
        final Outgoing[][] outgoing;
        final int[] slotOfDelay;
        long synOps;

        Worker(int index, Slice[] slices, Outgoing[][] outgoing) {
            this.index = index;
            this.slices = slices;
            this.outgoing = outgoing;
            slotOfDelay = new int[slots];
        }

        void step(long k) {
            int current = (int) (k % slots);
            for (int d = 0; d < slotOfDelay.length; d++) {
                int s = current + d;
                slotOfDelay[d] = s >= slots ? s - slots : s;
            }
            if (index == 0) {
                for (SourceState src : sources) {
                    src.spikeCount = src.emit(k);
                    record(src, k);
                }
            }
            if (barrier != null) {
                barrier.await();
            }
            for (int s = 0; s < sources.length; s++) {
                deliver(populations.length + s, sources[s].spikes, sources[s].spikeCount, 0);
            }
            for (int idx : order) {
                slices[idx].step(k, current);
                if (barrier != null) {
                    barrier.await();
                }
                PopulationState p = populations[idx];
                if (index == 0) {
                    p.gatherSpikes();
                    neuronUpdates += p.n;
                    p.recordStates();
                    record(p, k);
                }
                for (Worker w : workers) {
                    Slice from = w.slices[idx];
                    deliver(idx, from.spikes, from.spikeCount, from.lo);
                }
                // one processing cycle per population that spiked, as the event engine's synchronous
                // schedule counts them; an early decision stops here (one worker: checked at start)
                if (index == 0 && layerSpiked(idx, p.spikes, p.spikeCount)) {
                    stopped = true;
                    return;
                }
            }
        }

        /** Adds this step's spikes of group g (indices + offset) into this worker's targets. */
        private void deliver(int g, int[] spiking, int count, int offset) {
            if (count == 0) {
                return;
            }
            for (Outgoing o : outgoing[g]) {
                synOps += o.deliver(spiking, count, offset, slotOfDelay);
            }
        }
    }

    /** Records the spikes a group emitted this step. */
    private static void record(Group g, long k) {
        g.recording.spikes(g.spikes, g.spikeCount, k);
        g.recording.endStep();
    }

    // ---------------------------------------------------------------- set-up

    private void start() {
        int capacity = DelayCapacity.resolve(network, delayCapacity);
        slots = capacity + 1;
        List<Population> pops = network.populations();
        populations = new PopulationState[pops.size()];
        for (int i = 0; i < populations.length; i++) {
            populations[i] = new PopulationState(pops.get(i), dtSeconds, threads);
        }
        order = network.updateOrder();
        SplittableRandom streams = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<SpikeSource> srcs = network.sources();
        sources = new SourceState[srcs.size()];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = new SourceState(srcs.get(i), dtSeconds, streams.split());
        }
        // Slices of whole 64-byte lines of floats; the last worker takes the remainder.
        int align = 16;
        Slice[][] slices = new Slice[threads][populations.length];
        for (int p = 0; p < populations.length; p++) {
            PopulationState ps = populations[p];
            AnalogInput[] inputs = network.analogInputs().stream().filter(a -> a.target().equals(ps.name))
                    .toArray(AnalogInput[]::new);
            long ringBytes = 4L * slots * ps.constants.ports * ps.n;
            if (ringBytes > Runtime.getRuntime().maxMemory() / 2) {
                throw new IllegalArgumentException("delay capacity " + capacity + " steps for population '" + ps.name
                        + "' (" + ps.n + " neurons, " + ps.constants.ports + " ports): the ring buffer would need "
                        + ringBytes / (1 << 20) + " MiB, more than half the heap; lower the largest delay");
            }
            int perThread = (ps.n + threads - 1) / threads;
            int chunk = (perThread + align - 1) / align * align;
            for (int t = 0; t < threads; t++) {
                int lo = Math.min(ps.n, t * chunk);
                int hi = t == threads - 1 ? ps.n : Math.min(ps.n, (t + 1) * chunk);
                slices[t][p] = new Slice(pops.get(p), ps.constants, lo, hi, slots, inputs);
                ps.slices[t] = slices[t][p];
            }
        }
        int groups = populations.length + sources.length;
        workers = new Worker[threads];
        for (int t = 0; t < threads; t++) {
            List<List<Outgoing>> perGroup = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                perGroup.add(new ArrayList<>());
            }
            for (Projection p : network.projections()) {
                int srcIdx = network.populationIndex(p.source());
                int g = srcIdx >= 0 ? srcIdx : populations.length + network.sourceIndex(p.source());
                perGroup.get(g).add(new Outgoing(p, slices[t][network.populationIndex(p.target())]));
            }
            Outgoing[][] og = new Outgoing[groups][];
            for (int g = 0; g < groups; g++) {
                og[g] = perGroup.get(g).toArray(new Outgoing[0]);
            }
            workers[t] = new Worker(t, slices[t], og);
        }
        barrier = threads > 1 ? new SpinBarrier(threads) : null;
        if (threads > 1 && (outputName != null || maxCycles > 0)) {
            throw new IllegalArgumentException("earlyDecision / stopAfterCycles: the clock engine stops a run early on"
                    + " one thread only; use threads(1)");
        }
        startDecision();
        attachMonitors();
        started = true;
    }

    private Group group(String name, String what) {
        int i = network.populationIndex(name);
        if (i >= 0) {
            return populations[i];
        }
        int s = network.sourceIndex(name);
        if (s >= 0) {
            return sources[s];
        }
        throw new IllegalArgumentException(what + " of '" + name + "': no such population or source");
    }

    private void attachMonitors() {
        for (Monitor m : monitors) {
            if (m instanceof Monitor.Spikes s) {
                if (s.population() == null) {
                    for (PopulationState p : populations) {
                        p.recording.recordSpikes(null);
                    }
                    for (SourceState src : sources) {
                        src.recording.recordSpikes(null);
                    }
                } else {
                    group(s.population(), "spike monitor").recording.recordSpikes(s.neurons());
                }
            } else if (m instanceof Monitor.Rates r) {
                group(r.population(), "rate monitor").recording.recordRate();
            } else if (m instanceof Monitor.States st) {
                int i = network.populationIndex(st.population());
                if (i < 0) {
                    throw new IllegalArgumentException("state monitor of '" + st.population() + "': no such population");
                }
                populations[i].recordState(st.variable(), st.neurons());
            }
        }
    }

    private RunResult result() {
        Recording[] pops = new Recording[populations.length];
        for (int p = 0; p < pops.length; p++) {
            pops[p] = populations[p].recording;
        }
        Recording[] srcs = new Recording[sources.length];
        for (int q = 0; q < srcs.length; q++) {
            srcs[q] = sources[q].recording;
        }
        long synOps = 0;
        for (Worker w : workers) {
            synOps += w.synOps;
        }
        return Recording.result(network, dtSeconds, pops, srcs, step, synOps, neuronUpdates, buildSeconds,
                loopSeconds);
    }

    // ---------------------------------------------------------------- state holders

    /** Anything that emits spikes: a population or a source. */
    private abstract static class Group {
        final String name;
        final int n;
        final int[] spikes;
        int spikeCount;
        final Recording recording;

        Group(String name, int n) {
            this.name = name;
            this.n = n;
            this.spikes = new int[n];
            recording = new Recording(name, n);
        }
    }

    /** A population as the monitors see it: its slices, and its spikes gathered from them each step. */
    private static final class PopulationState extends Group {
        final StepConstants constants;
        /** slices[t]: worker t's part. */
        final Slice[] slices;
        final List<StateRecord> stateRecords = new ArrayList<>();

        PopulationState(Population pop, double dtSeconds, int workers) {
            super(pop.name(), pop.size());
            constants = new StepConstants(pop.model(), dtSeconds);
            slices = new Slice[workers];
        }

        /** Concatenates the slices' spikes, in slice order (= ascending), with global indices. */
        void gatherSpikes() {
            int count = 0;
            for (Slice sl : slices) {
                for (int s = 0; s < sl.spikeCount; s++) {
                    spikes[count++] = sl.lo + sl.spikes[s];
                }
            }
            spikeCount = count;
        }

        void recordState(StateVariable variable, int[] neurons) {
            if (variable.port() >= constants.ports) {
                throw new IllegalArgumentException("state variable " + variable.name() + " of '" + name
                        + "': the population has " + constants.ports + " port(s)");
            }
            float[][] arrays = new float[neurons.length][];
            int[] local = new int[neurons.length];
            for (int j = 0; j < neurons.length; j++) {
                int i = neurons[j];
                recording.checkNeuron(i, "state monitor");
                for (Slice sl : slices) {
                    if (i >= sl.lo && i < sl.lo + sl.n) {
                        arrays[j] = sl.variable(variable);
                        local[j] = i - sl.lo;
                    }
                }
            }
            StateRecord record = new StateRecord(variable, neurons.clone(), arrays, local);
            stateRecords.add(record);
            recording.traces.add(record.trace);
        }

        void recordStates() {
            for (int r = 0; r < stateRecords.size(); r++) {
                stateRecords.get(r).sample();
            }
        }
    }

    /** Samples a state variable of some neurons after every step: neuron j is arrays[j][local[j]]. */
    private static final class StateRecord {
        final TraceRecorder trace;
        final float[][] arrays;
        final int[] local;

        StateRecord(StateVariable variable, int[] neurons, float[][] arrays, int[] local) {
            this.trace = new TraceRecorder(variable, neurons);
            this.arrays = arrays;
            this.local = local;
        }

        void sample() {
            for (int j = 0; j < local.length; j++) {
                trace.add(arrays[j][local[j]]);
            }
        }
    }

    private static final class SourceState extends Group {
        private final SourceStream stream;

        SourceState(SpikeSource src, double dtSeconds, SplittableRandom rng) {
            super(src.name(), src.size());
            stream = new SourceStream(src, dtSeconds, rng);
        }

        int emit(long k) {
            return stream.emit(k, spikes);
        }
    }
}
