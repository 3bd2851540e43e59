package org.snn4j.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.snn4j.arrays.FloatList;
import org.snn4j.arrays.IntList;
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
public final class ClockEngine {
    private final Network network;
    private final double dtSeconds;
    private final List<Monitor> monitors = new ArrayList<>();
    private int delayCapacity = -1;
    private long seed;
    private int threads = 1;

    private boolean started;
    private PopulationState[] populations;
    private int[] order;
    private SourceState[] sources;
    private int slots;
    private Worker[] workers;
    private SpinBarrier barrier;
    private long step;
    private long neuronUpdates;
    private double buildSeconds;
    private double loopSeconds;

    ClockEngine(Network network, double dtSeconds) {
        this.network = Check.notNull("network", network);
        this.dtSeconds = Check.positive("dtSeconds", dtSeconds);
        this.seed = network.seed();
    }

    /** Largest delay in steps the ring buffers hold (default: the network's largest delay). */
    public ClockEngine delayCapacity(int steps) {
        requireNotStarted("delayCapacity");
        delayCapacity = Check.nonNegative("delayCapacity", steps);
        return this;
    }

    /** Seed of the engine's random streams (Poisson sources); default: the network's seed. */
    public ClockEngine seed(long seed) {
        requireNotStarted("seed");
        this.seed = seed;
        return this;
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

    public ClockEngine record(Monitor monitor) {
        requireNotStarted("record");
        monitors.add(Check.notNull("monitor", monitor));
        return this;
    }

    public double dtSeconds() {
        return dtSeconds;
    }


    /** Steps run so far. */
    public long stepsDone() {
        return step;
    }

    public RunResult run(double durationSeconds) {
        return run(durationSeconds, ProgressListener.NONE);
    }

    public RunResult run(double durationSeconds, ProgressListener progress) {
        Check.nonNegative("durationSeconds", durationSeconds);
        return runSteps(Math.round(durationSeconds / dtSeconds), progress);
    }

    /** Advances {@code steps} steps and returns everything recorded since the engine was made. */
    public RunResult runSteps(long steps, ProgressListener progress) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps " + steps + ": must be >= 0");
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
        Throwable[] failure = new Throwable[workers.length];
        for (int t = 1; t < workers.length; t++) {
            Worker w = workers[t];
            int index = t;
            helpers[t - 1] = new Thread(() -> {
                try {
                    for (long k = first; k <= last; k++) {
                        w.step(k);
                    }
                } catch (Throwable e) {
                    failure[index] = e;
                    barrier.breakBarrier();
                }
            }, "snn4j-clock-" + t);
            helpers[t - 1].setDaemon(true);
            helpers[t - 1].start();
        }
        try {
            for (long k = first; k <= last; k++) {
                workers[0].step(k);
                step = k;
                if ((k - first + 1) % reportEvery == 0) {
                    progress.progress(k - first + 1, steps);
                }
            }
        } catch (RuntimeException | Error e) {
            failure[0] = e;
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
        for (Throwable f : failure) {
            if (f != null && !(f instanceof SpinBarrier.Broken)) {
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

    private void requireNotStarted(String what) {
        if (started) {
            throw new IllegalStateException(what + ": the engine has already run; configure it before the first run");
        }
    }

    // ---------------------------------------------------------------- one step

    /**
     * One thread's share of the engine: a slice [lo, hi) of every population, its own spike buffers,
     * and the projections cut down to the synapses that end in its slices. Worker 0 also emits the
     * sources' spikes, updates analog drives and records the monitors.
     */
    private final class Worker {
        final int index;
        final int[] lo;
        final int[] hi;
        /** spikes[p][..]: this step's spikes of population p in this worker's slice (ascending). */
        final int[][] spikes;
        final int[] spikeCount;
        /** outgoing[g][..]: group g's projections, restricted to this worker's targets. */
        final Outgoing[][] outgoing;
        final int[] slotOfDelay;
        long synOps;
        /** refractory[p]: the refractory neurons of population p in this worker's slice. */
        final RefractoryList[] refractory;

        Worker(int index, int[] lo, int[] hi, Outgoing[][] outgoing) {
            this.index = index;
            this.lo = lo;
            this.hi = hi;
            this.outgoing = outgoing;
            spikes = new int[populations.length][];
            spikeCount = new int[populations.length];
            refractory = new RefractoryList[populations.length];
            for (int p = 0; p < populations.length; p++) {
                spikes[p] = new int[hi[p] - lo[p]];
                refractory[p] = new RefractoryList(hi[p] - lo[p]);
            }
            slotOfDelay = new int[slots];
        }

        void step(long k) {
            int current = (int) (k % slots);
            for (int d = 0; d < slotOfDelay.length; d++) {
                int s = current + d;
                slotOfDelay[d] = s >= slots ? s - slots : s;
            }
            if (index == 0) {
                for (int s = 0; s < sources.length; s++) {
                    SourceState src = sources[s];
                    src.spikeCount = src.emit(k);
                    record(src, k);
                }
                for (PopulationState p : populations) {
                    if (p.inputs != null) {
                        p.updateExternalDrive(k);
                    }
                }
            }
            if (barrier != null) {
                barrier.await();
            }
            for (int s = 0; s < sources.length; s++) {
                deliver(populations.length + s, sources[s].spikes, sources[s].spikeCount);
            }
            for (int idx : order) {
                PopulationState p = populations[idx];
                int from = lo[idx];
                int to = hi[idx];
                StepConstants c = p.constants;
                LifStep.integrate(from, to, c, p.v, p.current, p.arrivals[current], p.ext, p.drive);
                int count = LifStep.threshold(from, to, c, p.v, p.refractory, spikes[idx], 0);
                refractory[idx].restore(p.v, p.refractory, p.heldV);
                refractory[idx].add(spikes[idx], count, c.refractorySteps, p.v, p.refractory, p.heldV);
                spikeCount[idx] = count;
                if (barrier != null) {
                    barrier.await();
                }
                if (index == 0) {
                    gatherSpikes(idx);
                    neuronUpdates += p.n;
                    p.recordStates();
                    record(p, k);
                }
                for (Worker w : workers) {
                    deliver(idx, w.spikes[idx], w.spikeCount[idx]);
                }
            }
        }

        /** Adds this step's spikes of group g, given by a worker, into this worker's targets. */
        private void deliver(int g, int[] spiking, int count) {
            if (count == 0) {
                return;
            }
            for (Outgoing o : outgoing[g]) {
                synOps += o.deliver(spiking, count, slotOfDelay);
            }
        }
    }

    /** Concatenates the workers' spikes of population idx, in worker order (= ascending), for the monitors. */
    private void gatherSpikes(int idx) {
        PopulationState p = populations[idx];
        int count = 0;
        for (Worker w : workers) {
            System.arraycopy(w.spikes[idx], 0, p.spikes, count, w.spikeCount[idx]);
            count += w.spikeCount[idx];
        }
        p.spikeCount = count;
    }

    /** Records the spikes a group emitted this step. */
    private static void record(Group g, long k) {
        int count = g.spikeCount;
        g.spikeTotal += count;
        if (g.rateRecord != null) {
            g.rateRecord.add(count);
        }
        if (count == 0 || g.spikeRecordSteps == null) {
            return;
        }
        boolean[] sel = g.spikeSelection;
        for (int s = 0; s < count; s++) {
            int i = g.spikes[s];
            if (sel == null || sel[i]) {
                g.spikeRecordSteps.add((int) k);
                g.spikeRecordNeurons.add(i);
            }
        }
    }

    // ---------------------------------------------------------------- set-up

    private void start() {
        int capacity = delayCapacity >= 0 ? delayCapacity : network.maxDelaySteps();
        for (Projection p : network.projections()) {
            if (p.maxDelaySteps() > capacity) {
                throw delayBeyondCapacity(p, capacity);
            }
        }
        slots = capacity + 1;
        List<Population> pops = network.populations();
        populations = new PopulationState[pops.size()];
        for (int i = 0; i < populations.length; i++) {
            populations[i] = new PopulationState(pops.get(i), dtSeconds, slots);
        }
        order = network.updateOrder();
        SplittableRandom streams = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<SpikeSource> srcs = network.sources();
        sources = new SourceState[srcs.size()];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = new SourceState(srcs.get(i), dtSeconds, streams.split());
        }
        for (AnalogInput in : network.analogInputs()) {
            populations[network.populationIndex(in.target())].addInput(in);
        }
        // Slices of whole 64-byte cache lines, so that threads never write the same line.
        int align = 16;
        int[][] lo = new int[threads][populations.length];
        int[][] hi = new int[threads][populations.length];
        for (int p = 0; p < populations.length; p++) {
            int n = populations[p].n;
            int perThread = (n + threads - 1) / threads;
            int chunk = (perThread + align - 1) / align * align;
            for (int t = 0; t < threads; t++) {
                lo[t][p] = Math.min(n, t * chunk);
                hi[t][p] = t == threads - 1 ? n : Math.min(n, (t + 1) * chunk);
            }
        }
        int groups = populations.length + sources.length;
        List<List<List<Outgoing>>> outgoing = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<List<Outgoing>> perGroup = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                perGroup.add(new ArrayList<>());
            }
            outgoing.add(perGroup);
        }
        for (Projection p : network.projections()) {
            int targetIdx = network.populationIndex(p.target());
            PopulationState target = populations[targetIdx];
            int srcIdx = network.populationIndex(p.source());
            int g = srcIdx >= 0 ? srcIdx : populations.length + network.sourceIndex(p.source());
            for (int t = 0; t < threads; t++) {
                outgoing.get(t).get(g).add(new Outgoing(p, target, lo[t][targetIdx], hi[t][targetIdx]));
            }
        }
        workers = new Worker[threads];
        for (int t = 0; t < threads; t++) {
            Outgoing[][] og = new Outgoing[groups][];
            for (int g = 0; g < groups; g++) {
                og[g] = outgoing.get(t).get(g).toArray(new Outgoing[0]);
            }
            workers[t] = new Worker(t, lo[t], hi[t], og);
        }
        barrier = threads > 1 ? new SpinBarrier(threads) : null;
        attachMonitors();
        started = true;
    }

    private static IllegalArgumentException delayBeyondCapacity(Projection p, int capacity) {
        for (int pre = 0; pre < p.sourceSize(); pre++) {
            for (int s = p.rowStart(pre); s < p.rowStart(pre) + p.fanOut(pre); s++) {
                if (p.delayOf(s) > capacity) {
                    return new IllegalArgumentException("delay " + p.delayOf(s) + " at synapse " + s + " (pre " + pre
                            + " -> post " + p.targetOf(s) + ") of projection " + p.label()
                            + ": exceeds the engine's delay capacity of " + capacity + " steps");
                }
            }
        }
        throw new AssertionError("no synapse beyond capacity");
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
                        p.recordSpikes(null);
                    }
                    for (SourceState src : sources) {
                        src.recordSpikes(null);
                    }
                } else {
                    group(s.population(), "spike monitor").recordSpikes(s.neurons());
                }
            } else if (m instanceof Monitor.Rates r) {
                group(r.population(), "rate monitor").rateRecord = new IntList(1024);
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
        Map<String, SpikeTrain> spikes = new LinkedHashMap<>();
        Map<String, StateTrace[]> states = new LinkedHashMap<>();
        Map<String, PopulationRate> rates = new LinkedHashMap<>();
        Map<String, Long> perPopulation = new LinkedHashMap<>();
        long total = 0;
        long fromSources = 0;
        List<Group> groups = new ArrayList<>(Arrays.asList(populations));
        groups.addAll(Arrays.asList(sources));
        for (Group g : groups) {
            if (g instanceof PopulationState p) {
                perPopulation.put(g.name, g.spikeTotal);
                total += g.spikeTotal;
                if (!p.stateRecords.isEmpty()) {
                    StateTrace[] traces = new StateTrace[p.stateRecords.size()];
                    for (int t = 0; t < traces.length; t++) {
                        traces[t] = p.stateRecords.get(t).toTrace(g.name);
                    }
                    states.put(g.name, traces);
                }
            } else {
                fromSources += g.spikeTotal;
            }
            if (g.spikeRecordSteps != null) {
                spikes.put(g.name, new SpikeTrain(g.name, g.spikeRecordSteps.toArray(), g.spikeRecordNeurons.toArray(),
                        dtSeconds));
            }
            if (g.rateRecord != null) {
                rates.put(g.name, new PopulationRate(g.name, g.n, g.rateRecord.toArray(), dtSeconds));
            }
        }
        long synOps = 0;
        for (Worker w : workers) {
            synOps += w.synOps;
        }
        Cost cost = new Cost(step, network.neuronCount(), network.synapseCount(), total, perPopulation, fromSources,
                synOps, neuronUpdates, buildSeconds, loopSeconds);
        return new RunResult(dtSeconds, spikes, states, rates, cost);
    }

    // ---------------------------------------------------------------- state holders

    /** Anything that emits spikes: a population or a source. */
    private abstract static class Group {
        final String name;
        final int n;
        final int[] spikes;
        int spikeCount;
        long spikeTotal;
        IntList spikeRecordSteps;
        IntList spikeRecordNeurons;
        boolean recordAllSpikes;
        boolean[] spikeSelection;
        IntList rateRecord;

        Group(String name, int n) {
            this.name = name;
            this.n = n;
            this.spikes = new int[n];
        }

        /** Records the given neurons' spikes (all with null); several monitors record the union. */
        void recordSpikes(int[] neurons) {
            if (spikeRecordSteps == null) {
                spikeRecordSteps = new IntList(1024);
                spikeRecordNeurons = new IntList(1024);
            }
            if (neurons == null) {
                recordAllSpikes = true;
                spikeSelection = null;
                return;
            }
            for (int i : neurons) {
                if (i < 0 || i >= n) {
                    throw new IllegalArgumentException("neuron " + i + " of spike monitor of '" + name
                            + "': must be in [0, " + n + ")");
                }
            }
            if (recordAllSpikes) {
                return;
            }
            if (spikeSelection == null) {
                spikeSelection = new boolean[n];
            }
            for (int i : neurons) {
                spikeSelection[i] = true;
            }
        }
    }

    private static final class PopulationState extends Group {
        final StepConstants constants;
        final float[] v;
        final float[][] current;
        /** Remaining refractory steps per neuron, and the potential it is held at meanwhile. */
        final int[] refractory;
        final float[] heldV;
        final float[] drive;
        /** The ring buffer: ring[slot * ports + port][neuron], the summed arrivals of that slot's step. */
        final float[][] ring;
        /** arrivals[slot][port] = ring[slot * ports + port]. */
        final float[][][] arrivals;
        AnalogInput[] inputs;
        double[] inputValues;
        float[] ext;
        final List<StateRecord> stateRecords = new ArrayList<>();

        PopulationState(Population pop, double dtSeconds, int slots) {
            super(pop.name(), pop.size());
            constants = new StepConstants(pop.model(), dtSeconds);
            v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) pop.initialV(i);
            }
            current = new float[constants.ports][n];
            refractory = new int[n];
            heldV = new float[n];
            drive = new float[n];
            long ringBytes = 4L * slots * constants.ports * n;
            if (ringBytes > Runtime.getRuntime().maxMemory() / 2) {
                throw new IllegalArgumentException("delay capacity " + (slots - 1) + " steps for population '" + name
                        + "' (" + n + " neurons, " + constants.ports + " ports): the ring buffer would need "
                        + ringBytes / (1 << 20) + " MiB, more than half the heap; lower the largest delay");
            }
            ring = new float[slots * constants.ports][n];
            arrivals = new float[slots][constants.ports][];
            for (int s = 0; s < slots; s++) {
                for (int q = 0; q < constants.ports; q++) {
                    arrivals[s][q] = ring[s * constants.ports + q];
                }
            }
        }

        void addInput(AnalogInput in) {
            if (inputs == null) {
                inputs = new AnalogInput[0];
                ext = new float[n];
            }
            inputs = Arrays.copyOf(inputs, inputs.length + 1);
            inputs[inputs.length - 1] = in;
            inputValues = new double[inputs.length];
            Arrays.fill(inputValues, Double.NaN);
        }

        /** Recomputes ext[i] = (1 - beta) R sum_a w_a[i] u_a(k), in double, only when some u_a changed. */
        void updateExternalDrive(long k) {
            boolean changed = false;
            for (int a = 0; a < inputs.length; a++) {
                double u = inputs[a].valueAtStep(k);
                if (Double.compare(u, inputValues[a]) != 0) {
                    inputValues[a] = u;
                    changed = true;
                }
            }
            if (changed) {
                ExternalDrive.compute(inputs, inputValues, constants.currentGain, ext);
            }
        }

        void recordState(StateVariable variable, int[] neurons) {
            if (variable.port() >= constants.ports) {
                throw new IllegalArgumentException("state variable " + variable.name() + " of '" + name
                        + "': the population has " + constants.ports + " port(s)");
            }
            for (int i : neurons) {
                if (i < 0 || i >= n) {
                    throw new IllegalArgumentException("neuron " + i + " of state monitor of '" + name
                            + "': must be in [0, " + n + ")");
                }
            }
            stateRecords.add(new StateRecord(variable, neurons.clone(),
                    variable.port() < 0 ? v : current[variable.port()]));
        }

        void recordStates() {
            for (int r = 0; r < stateRecords.size(); r++) {
                stateRecords.get(r).sample();
            }
        }
    }

    private static final class StateRecord {
        final StateVariable variable;
        final int[] neurons;
        final float[] source;
        final FloatList values = new FloatList(1024);

        StateRecord(StateVariable variable, int[] neurons, float[] source) {
            this.variable = variable;
            this.neurons = neurons;
            this.source = source;
        }

        void sample() {
            for (int i : neurons) {
                values.add(source[i]);
            }
        }

        StateTrace toTrace(String population) {
            int steps = neurons.length == 0 ? 0 : values.size() / neurons.length;
            float[][] out = new float[neurons.length][steps];
            for (int k = 0; k < steps; k++) {
                for (int j = 0; j < neurons.length; j++) {
                    out[j][k] = values.get(k * neurons.length + j);
                }
            }
            return new StateTrace(population, variable, neurons.clone(), out);
        }
    }

    private static final class SourceState extends Group {
        // Given trains, merged into one list ordered by step then neuron.
        private final int[] eventStep;
        private final int[] eventNeuron;
        private int nextEvent;
        // Poisson: Bernoulli(p) per neuron and step, drawn as geometric gaps over the (step, neuron) grid.
        private final SplittableRandom rng;
        private final double p;
        private final double logQ;
        private long nextCell;

        SourceState(SpikeSource src, double dtSeconds, SplittableRandom rng) {
            super(src.name(), src.size());
            this.rng = rng;
            if (src instanceof SpikeSource.Trains t) {
                IntList steps = new IntList(64);
                IntList neurons = new IntList(64);
                for (int i = 0; i < n; i++) {
                    for (int k : t.spikeSteps(i)) {
                        steps.add(k);
                        neurons.add(i);
                    }
                }
                int m = steps.size();
                long[] keys = new long[m];
                for (int e = 0; e < m; e++) {
                    keys[e] = ((long) steps.get(e) << 32) | neurons.get(e);
                }
                Arrays.sort(keys);
                eventStep = new int[m];
                eventNeuron = new int[m];
                for (int e = 0; e < m; e++) {
                    eventStep[e] = (int) (keys[e] >>> 32);
                    eventNeuron[e] = (int) keys[e];
                }
                p = 0;
                logQ = 0;
            } else {
                SpikeSource.Poisson poisson = (SpikeSource.Poisson) src;
                eventStep = null;
                eventNeuron = null;
                p = Math.min(1, poisson.rateHz() * dtSeconds);
                logQ = Math.log1p(-p);
                nextCell = p == 0 ? Long.MAX_VALUE : gap();
            }
        }

        private long gap() {
            return p >= 1 ? 0 : (long) Math.floor(Math.log(1 - rng.nextDouble()) / logQ);
        }

        /** Fills {@code spikes} with this step's spikes (ascending) and returns their number. */
        int emit(long k) {
            int count = 0;
            if (eventStep != null) {
                while (nextEvent < eventStep.length && eventStep[nextEvent] == k) {
                    spikes[count++] = eventNeuron[nextEvent++];
                }
                return count;
            }
            long stepEnd = k * n;
            while (nextCell < stepEnd) {
                spikes[count++] = (int) (nextCell - (k - 1) * n);
                nextCell += 1 + gap();
            }
            return count;
        }
    }

    /** One projection as the engine delivers it. */
    private static final class Outgoing {
        final int[] rowStart;
        final int[] targets;
        final float[] weights;
        final short[] delays;
        final int uniformDelay;
        final float[][] ring;
        final int port;
        final int ports;

        /** The projection's synapses that end in targets [lo, hi), rows kept in their CSR order. */
        Outgoing(Projection p, PopulationState target, int lo, int hi) {
            int nPre = p.sourceSize();
            int[] fullRows = p.rowStartArray();
            int[] fullTargets = p.targetArray();
            boolean whole = lo == 0 && hi == target.n;
            int kept = 0;
            for (int t : fullTargets) {
                kept += whole || (t >= lo && t < hi) ? 1 : 0;
            }
            float[] fullWeights = p.weightArray();
            short[] fullDelays = p.delayArray();
            rowStart = new int[nPre + 1];
            targets = new int[kept];
            weights = new float[kept];
            short[] keptDelays = new short[kept];
            int at = 0;
            for (int pre = 0; pre < nPre; pre++) {
                rowStart[pre] = at;
                for (int s = fullRows[pre]; s < fullRows[pre + 1]; s++) {
                    if (whole || (fullTargets[s] >= lo && fullTargets[s] < hi)) {
                        targets[at] = fullTargets[s];
                        weights[at] = fullWeights[s];
                        keptDelays[at++] = fullDelays[s];
                    }
                }
            }
            rowStart[nPre] = at;
            boolean uniform = p.minDelaySteps() == p.maxDelaySteps();
            uniformDelay = uniform ? p.maxDelaySteps() : -1;
            delays = uniform ? null : keptDelays;
            ring = target.ring;
            port = p.port();
            ports = target.constants.ports;
        }

        /** Adds the weights of the spikers' rows into the ring slots of their arrival steps; returns SynOps. */
        long deliver(int[] spikes, int count, int[] slotOfDelay) {
            long ops = 0;
            for (int s = 0; s < count; s++) {
                int pre = spikes[s];
                int from = rowStart[pre];
                int to = rowStart[pre + 1];
                ops += to - from;
                if (uniformDelay >= 0) {
                    float[] slot = ring[slotOfDelay[uniformDelay] * ports + port];
                    for (int syn = from; syn < to; syn++) {
                        slot[targets[syn]] += weights[syn];
                    }
                } else {
                    for (int syn = from; syn < to; syn++) {
                        ring[slotOfDelay[delays[syn]] * ports + port][targets[syn]] += weights[syn];
                    }
                }
            }
            return ops;
        }
    }
}
