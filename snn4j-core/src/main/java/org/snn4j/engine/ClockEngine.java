package org.snn4j.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * loop over float arrays) and delivers only the spikes that happened, through CSR rows. Within a
 * step, spike sources emit first, then populations update in the network's zero-delay topological
 * order, so a zero-delay spike reaches its target in the same step.
 *
 * <p>The network is cut into partitions (a neuron range of every population; sources go with
 * partition 0), each population range a {@link Block} with its own state and step counter. On one
 * thread the blocks step in lockstep. On several, each thread steps its partitions' blocks as soon
 * as their inputs are complete, without a global barrier: a block computes step t once every block
 * feeding it has finished step t - d, d the smallest delay between them (conservative lookahead, as
 * in parallel discrete-event simulation and NEST's min-delay exchange). A block sums its arrivals
 * itself, from the senders' spike histories, in the single-threaded order, so spikes, traces and
 * counts are bitwise the same for every thread count and every partitioning.
 *
 * <p>Configure ({@link #threads}, {@link #partitions}, {@link #delayCapacity}, {@link #seed},
 * {@link #record}) before the first run; runs continue from where the previous one stopped. Not
 * thread-safe; results are bitwise reproducible.
 */
public final class ClockEngine extends EngineBase<ClockEngine> {
    /**
     * Steps a block may run ahead of the slowest reader of its spikes, beyond the longest delay:
     * room for the lookahead, at 4 bytes per neuron and step of history.
     */
    static final int RUN_AHEAD = 64;
    static final int WARM_UP_CHUNK = 64;
    /** C2 replaces the profiling tier's code after about this long (CUBA: step 1,000 of a run, 0.1 s). */
    static final long WARM_UP_MIN_NANOS = 150_000_000L;

    private int threads = 1;
    /** Partitions requested (0: as many as threads), or explicit cut points per population. */
    private int partitionCount;
    private Map<String, int[][]> explicit;
    /** Dataflow scheduling on one thread too, each block as far ahead as it may (tests of the lookahead). */
    private boolean dataflowAlways;
    private boolean warmedUp;

    private PopulationState[] populations;
    /** groups in the canonical order: the sources, then the populations in update order. */
    private Group[] groups;
    private SourceState[] sources;
    private Block[] blocks;
    /** workerBlocks[w]: the blocks thread w steps, in the canonical order. */
    private Block[][] workerBlocks;
    private int historyLength;
    private long neuronUpdates;
    /** The last step the recorder has taken in (spikes, rates, traces, cycles). */
    private volatile long recorded;
    private volatile boolean broken;
    private Throwable failure;

    ClockEngine(Network network, double dtSeconds) {
        super(network, dtSeconds);
    }

    /**
     * Worker threads (default 1). Each steps the blocks of its partitions as soon as their inputs
     * are complete; the results are bitwise the same for every thread count.
     */
    public ClockEngine threads(int count) {
        requireNotStarted("threads");
        threads = Check.positive("threads", count);
        return this;
    }

    /**
     * Cuts every population into {@code count} ranges of (nearly) equal size, range r in partition
     * r (a population smaller than {@code count} into one range per neuron); partition p runs on
     * thread p mod threads. Default: as many partitions as threads.
     */
    public ClockEngine partitions(int count) {
        requireNotStarted("partitions");
        if (count < 1) {
            throw new IllegalArgumentException("partitions " + count + ": must be >= 1");
        }
        if (count > network.neuronCount()) {
            throw new IllegalArgumentException("partitions " + count + ": more than the network's "
                    + network.neuronCount() + " neurons");
        }
        partitionCount = count;
        explicit = null;
        return this;
    }

    /**
     * Explicit partitions: for each named population, its ranges as {first neuron, partition}
     * pairs, the first neuron ascending from 0 (a range ends where the next begins); a population not
     * named is one range in partition 0. Partition p runs on thread p mod threads.
     */
    public ClockEngine partitioning(Map<String, int[][]> ranges) {
        requireNotStarted("partitioning");
        Map<String, int[][]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, int[][]> e : ranges.entrySet()) {
            int p = network.populationIndex(e.getKey());
            if (p < 0) {
                throw new IllegalArgumentException("partitioning of '" + e.getKey() + "': no such population");
            }
            int size = network.populations().get(p).size();
            int[][] r = e.getValue();
            if (r.length == 0) {
                throw new IllegalArgumentException("partitioning of '" + e.getKey() + "': no ranges");
            }
            for (int i = 0; i < r.length; i++) {
                if (r[i].length != 2 || r[i][1] < 0 || r[i][0] >= size
                        || (i == 0 ? r[i][0] != 0 : r[i][0] <= r[i - 1][0])) {
                    throw new IllegalArgumentException("partitioning of '" + e.getKey() + "': range "
                            + java.util.Arrays.toString(r[i]) + " must be {first neuron, partition >= 0}, the first"
                            + " neurons ascending from 0 and below " + size);
                }
            }
            int[][] c = new int[r.length][];
            for (int i = 0; i < r.length; i++) {
                c[i] = r[i].clone();
            }
            copy.put(e.getKey(), c);
        }
        explicit = copy;
        partitionCount = 0;
        return this;
    }

    /**
     * Schedules by dataflow even on one thread, stepping each block as far as its dependencies allow
     * before the next (so that tests see the lookahead deterministically).
     */
    ClockEngine dataflowAlways() {
        requireNotStarted("dataflowAlways");
        dataflowAlways = true;
        return this;
    }

    /**
     * Block steps computed while a block feeding them had not finished the step before, which the
     * lookahead allows across delays above 1: how far the barrier-free schedule ran ahead of
     * lockstep (0 on one thread, where blocks step in lockstep).
     */
    public long stepsComputedAhead() {
        long ahead = 0;
        if (blocks != null) {
            for (Block b : blocks) {
                ahead += b.aheadSteps;
            }
        }
        return ahead;
    }

    /** The number of partitions of the run (after the first run; 0 before). */
    public int partitionCount() {
        if (blocks == null) {
            return 0;
        }
        int max = 0;
        for (Block b : blocks) {
            max = Math.max(max, b.partition + 1);
        }
        return max;
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
        long t0 = System.nanoTime();
        long first = step + 1;
        long last = step + steps;
        long reportEvery = Math.max(1, steps / 200);
        if (workerBlocks.length == 1 && !dataflowAlways) {
            lockstep(first, last, first, reportEvery, progress);
        } else {
            long from = dataflowAlways ? first : warmUp(first, last, reportEvery, progress);
            step = from - 1;
            if (from <= last) {
                dataflow(from, last, first, reportEvery, progress);
            }
        }
        loopSeconds += (System.nanoTime() - t0) * 1e-9;
        progress.progress(steps, steps);
        return result();
    }

    // ---------------------------------------------------------------- scheduling

    /**
     * The first steps of an engine's first run on one thread, while the JIT compiles the step: with
     * every core running a worker, the compiler threads starve and the code stays in its slow
     * profiling tier for tenths of a second (measured: CUBA N = 40,000, 2 threads, 200 us a step for
     * the first 2,000 steps against 45 us after). This thread runs every worker's loop ({@link
     * #pass}) in turn, so that the code the workers will run is compiled with their own profiles,
     * chunk by chunk of {@link #WARM_UP_CHUNK} steps until the time of a chunk has stopped falling
     * (within 10 % of the one before) and no compilation finished, four chunks running, and at
     * least {@link #WARM_UP_MIN_NANOS} have passed (the profiling tier's code is steady too, just
     * slower), at most a quarter of the run. The results are the same on any number of threads.
     * Returns the next step.
     */
    private long warmUp(long first, long last, long reportEvery, ProgressListener progress) {
        if (warmedUp) {
            return first;
        }
        warmedUp = true;
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long compiled = timed ? jit.getTotalCompilationTime() : 0;
        long limit = first + (last - first + 1) / 4;
        long k = first;
        long previous = Long.MAX_VALUE;
        int steady = 0;
        long start = System.nanoTime();
        while (k + WARM_UP_CHUNK <= limit && (steady < 4 || System.nanoTime() - start < WARM_UP_MIN_NANOS)) {
            long t0 = System.nanoTime();
            long end = k + WARM_UP_CHUNK - 1;
            boolean finished = false;
            while (!finished) {
                finished = true;
                for (int w = 0; w < workerBlocks.length; w++) {
                    finished &= (pass(workerBlocks[w], end, w == 0) & FINISHED) != 0;
                    // again at once: its blocks now wait for the others, as the threads' blocks will
                    // (else the JIT compiles pass() for blocks that are always ready, and the threads
                    // start with a deoptimization)
                    pass(workerBlocks[w], end, w == 0);
                }
            }
            k = end + 1;
            progress.progress(k - first, last - first + 1);
            long t = System.nanoTime() - t0;
            long now = timed ? jit.getTotalCompilationTime() : 0;
            steady = Math.abs(t - previous) <= previous / 10 && now == compiled ? steady + 1 : 0;
            previous = t;
            compiled = now;
        }
        return k;
    }

    /** One thread: every block's step k, in the canonical order, then the recorder's. */
    private void lockstep(long from, long last, long first, long reportEvery, ProgressListener progress) {
        for (long k = from; k <= last && !stopped; k++) {
            for (Group g : groups) {
                for (Block b : g.blocks) {
                    b.step(k);
                    b.done = k;
                }
                // one processing cycle per population that spiked; an early decision stops here
                if (recordGroup(g, k)) {
                    stopped = true;
                    break;
                }
            }
            recorded = k;
            step = k;
            if ((k - first + 1) % reportEvery == 0) {
                progress.progress(k - first + 1, last - first + 1);
            }
        }
    }

    /** Several threads (or a test): each steps its blocks when ready; thread 0 also records. */
    private void dataflow(long from, long last, long first, long reportEvery, ProgressListener progress) {
        int workers = workerBlocks.length;
        Thread[] helpers = new Thread[workers - 1];
        Throwable[] failures = new Throwable[workers];
        broken = false;
        for (int w = 1; w < workers; w++) {
            int index = w;
            helpers[w - 1] = new Thread(() -> {
                try {
                    work(workerBlocks[index], last, false, from, first, reportEvery, progress);
                } catch (Throwable e) {
                    failures[index] = e;
                    broken = true;
                }
            }, "snn4j-clock-" + w);
            helpers[w - 1].setDaemon(true);
            helpers[w - 1].start();
        }
        try {
            work(workerBlocks[0], last, true, from, first, reportEvery, progress);
        } catch (RuntimeException | Error e) {
            failures[0] = e;
            broken = true;
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
            if (f != null && !(f instanceof Broken)) {
                this.failure = f;
                if (f instanceof Error err) {
                    throw err;
                }
                throw (RuntimeException) f;
            }
        }
        step = last;
    }

    /**
     * A thread's loop: steps each of its blocks whose next step is ready, one step per block a
     * round; the recording thread also records every step all blocks have finished.
     */
    private void work(Block[] mine, long last, boolean recorder, long from, long first, long reportEvery,
            ProgressListener progress) {
        int idle = 0;
        long nextReport = first - 1 + ((from - first) / reportEvery + 1) * reportEvery;
        while (true) {
            int state = pass(mine, last, recorder);
            if (recorder && recorded >= nextReport) {
                progress.progress(recorded - first + 1, last - first + 1);
                nextReport = first - 1 + ((recorded - first + 1) / reportEvery + 1) * reportEvery;
            }
            if ((state & FINISHED) != 0) {
                return;
            }
            if ((state & PROGRESSED) != 0) {
                idle = 0;
            } else {
                if (broken) {
                    throw new Broken();
                }
                // spin briefly (a step takes microseconds), then let the other threads (and the JIT) run
                if (++idle < 200) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }
    }

    private static final int PROGRESSED = 1;
    private static final int FINISHED = 2;

    /**
     * One round over a thread's blocks, each stepped once if ready (as far as it may with {@link
     * #dataflowAlways}), then the recorder's steps if this thread records: {@link #PROGRESSED} and
     * {@link #FINISHED} bits. A method of its own so that the JIT compiles it by invocation counts
     * while the warm-up runs it on one thread, before the other threads start.
     */
    private int pass(Block[] mine, long last, boolean recorder) {
        boolean finished = true;
        boolean progressed = false;
        for (Block b : mine) {
            long next = b.done + 1;
            if (next > last) {
                continue;
            }
            finished = false;
            while (next <= last && b.ready(next, recorded)) {
                if (b.aheadOfFeeders(next)) {
                    b.aheadSteps++;
                }
                b.step(next);
                b.done = next;
                progressed = true;
                next = dataflowAlways ? next + 1 : last + 1;
            }
        }
        if (recorder) {
            long r = recorded;
            while (r < last && minDone() > r) {
                r++;
                for (Group g : groups) {
                    recordGroup(g, r);
                }
                recorded = r;
                progressed = true;
            }
            finished &= r == last;
        }
        return (progressed ? PROGRESSED : 0) | (finished ? FINISHED : 0);
    }

    private long minDone() {
        long min = Long.MAX_VALUE;
        for (Block b : blocks) {
            min = Math.min(min, b.done);
        }
        return min;
    }

    /**
     * Takes group g's step k into the records (its spikes gathered from its blocks in neuron order,
     * rates, traces, neuron updates, processing cycles); returns whether an early decision stops the
     * run now. Reads only history slots that no block may overwrite before {@link #recorded} moves on.
     */
    private boolean recordGroup(Group g, long k) {
        int slot = (int) (k % historyLength);
        int count = 0;
        for (Block b : g.blocks) {
            int c = b.historyCount[slot];
            System.arraycopy(b.history[slot], 0, g.spikes, count, c);
            count += c;
        }
        g.spikeCount = count;
        g.recording.spikes(g.spikes, count, k);
        g.recording.endStep();
        if (g instanceof PopulationState p) {
            neuronUpdates += p.n;
            for (StateRecord r : p.stateRecords) {
                r.take(slot);
            }
            return layerSpiked(p.index, g.spikes, count);
        }
        return false;
    }

    // ---------------------------------------------------------------- set-up

    private void start() {
        int capacity = DelayCapacity.resolve(network, delayCapacity);
        historyLength = capacity + 1 + RUN_AHEAD;
        List<Population> pops = network.populations();
        populations = new PopulationState[pops.size()];
        for (int i = 0; i < populations.length; i++) {
            populations[i] = new PopulationState(i, pops.get(i), dtSeconds);
            long historyBytes = 4L * historyLength * populations[i].n;
            if (historyBytes > Runtime.getRuntime().maxMemory() / 2) {
                throw new IllegalArgumentException("delay capacity " + capacity + " steps for population '"
                        + populations[i].name + "' (" + populations[i].n + " neurons): the spike history would need "
                        + historyBytes / (1 << 20) + " MiB, more than half the heap; lower the largest delay");
            }
        }
        SplittableRandom streams = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<SpikeSource> srcs = network.sources();
        sources = new SourceState[srcs.size()];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = new SourceState(srcs.get(i), dtSeconds, streams.split());
        }
        int[] order = network.updateOrder();
        groups = new Group[sources.length + populations.length];
        System.arraycopy(sources, 0, groups, 0, sources.length);
        for (int j = 0; j < order.length; j++) {
            groups[sources.length + j] = populations[order[j]];
        }
        int partitionsWanted = explicit != null ? 0 : partitionCount > 0 ? partitionCount : threads;
        if (explicit == null && partitionsWanted > network.neuronCount()) {
            throw new IllegalArgumentException("partitions " + partitionsWanted + ": more than the network's "
                    + network.neuronCount() + " neurons");
        }
        List<Block> all = new ArrayList<>();
        for (int gi = 0; gi < groups.length; gi++) {
            Group g = groups[gi];
            if (g instanceof SourceState src) {
                g.blocks = new Block[] {new Block(gi, 0, 0, g.n, null, src.stream, historyLength)};
            } else {
                PopulationState ps = (PopulationState) g;
                AnalogInput[] inputs = network.analogInputs().stream().filter(a -> a.target().equals(ps.name))
                        .toArray(AnalogInput[]::new);
                int[][] ranges = ranges(ps, partitionsWanted);
                g.blocks = new Block[ranges.length];
                for (int r = 0; r < ranges.length; r++) {
                    int lo = ranges[r][0];
                    int hi = r + 1 < ranges.length ? ranges[r + 1][0] : ps.n;
                    Slice slice = new Slice(pops.get(ps.index), ps.constants, lo, hi, 1, inputs);
                    g.blocks[r] = new Block(gi, ranges[r][1], lo, hi - lo, slice, null, historyLength);
                }
            }
            all.addAll(List.of(g.blocks));
        }
        blocks = all.toArray(new Block[0]);
        for (Group g : groups) {
            int[] fanOut = new int[g.n];
            for (Projection p : network.projections()) {
                if (p.source().equals(g.name)) {
                    for (int i = 0; i < g.n; i++) {
                        fanOut[i] += p.fanOut(i);
                    }
                }
            }
            for (Block b : g.blocks) {
                b.fanOut = fanOut;
            }
        }
        wire();
        int partitions = partitionCount();
        int workers = Math.min(threads, partitions);
        workerBlocks = new Block[workers][];
        for (int w = 0; w < workers; w++) {
            int index = w;
            workerBlocks[w] = all.stream().filter(b -> b.partition % workers == index).toArray(Block[]::new);
        }
        if (workers > 1 && (outputName != null || maxCycles > 0)) {
            throw new IllegalArgumentException("earlyDecision / stopAfterCycles: the clock engine stops a run early on"
                    + " one thread only; use threads(1)");
        }
        startDecision();
        attachMonitors();
        started = true;
    }

    /** A population's ranges as {first neuron, partition}: explicit, or {@code count} near-equal ones. */
    private int[][] ranges(PopulationState ps, int count) {
        if (explicit != null) {
            return explicit.getOrDefault(ps.name, new int[][] {{0, 0}});
        }
        int[][] ranges = new int[Math.min(count, ps.n)][];
        for (int r = 0; r < ranges.length; r++) {
            ranges[r] = new int[] {(int) ((long) ps.n * r / ranges.length), r};
        }
        return ranges;
    }

    /**
     * Each population block's delivery plan (its incoming projections cut to its range and split by
     * delay, in the canonical order), and the dependencies between blocks it implies.
     */
    private void wire() {
        Map<String, Integer> groupOf = new LinkedHashMap<>();
        for (int gi = 0; gi < groups.length; gi++) {
            groupOf.put(groups[gi].name, gi);
        }
        List<Projection> projections = network.projections();
        // the order in which a step's spikes were delivered one thread: source group, then declaration
        Integer[] byGroup = new Integer[projections.size()];
        for (int i = 0; i < byGroup.length; i++) {
            byGroup[i] = i;
        }
        java.util.Arrays.sort(byGroup, java.util.Comparator.comparingInt(i -> groupOf.get(projections.get(i).source())));
        // per reader, per block it reads: the smallest and the largest delay between them
        Map<Block, Map<Block, int[]>> delays = new LinkedHashMap<>();
        for (Block b : blocks) {
            if (b.slice == null) {
                continue;
            }
            String name = groups[b.group].name;
            List<Block.Arrival> plan = new ArrayList<>();
            Map<Block, int[]> read = new LinkedHashMap<>();
            for (int i : byGroup) {
                Projection p = projections.get(i);
                if (!p.target().equals(name)) {
                    continue;
                }
                Incoming in = new Incoming(p, b.lo, b.lo + b.n);
                if (in.delays.length == 0) {
                    continue;
                }
                Block[] from = groups[groupOf.get(p.source())].blocks;
                for (int d = 0; d < in.delays.length; d++) {
                    plan.add(new Block.Arrival(in.delays[d], in.port, in.rowStart[d], in.targets[d], in.weights[d], from));
                }
                for (Block f : from) {
                    if (f != b) {
                        int[] range = read.computeIfAbsent(f, x -> new int[] {Integer.MAX_VALUE, -1});
                        range[0] = Math.min(range[0], in.minDelay());
                        range[1] = Math.max(range[1], in.maxDelay());
                    }
                }
            }
            plan.sort(java.util.Comparator.comparingInt(a -> -a.delay())); // stable: canonical within a delay
            b.plan = plan.toArray(new Block.Arrival[0]);
            b.feeders = read.keySet().toArray(new Block[0]);
            b.lookahead = read.values().stream().mapToInt(r -> r[0]).toArray();
            delays.put(b, read);
        }
        for (Block b : blocks) {
            List<Block> readers = new ArrayList<>();
            List<Integer> reach = new ArrayList<>();
            for (Map.Entry<Block, Map<Block, int[]>> e : delays.entrySet()) {
                int[] range = e.getValue().get(b);
                if (range != null) {
                    readers.add(e.getKey());
                    reach.add(range[1]);
                }
            }
            b.readers = readers.toArray(new Block[0]);
            b.reach = reach.stream().mapToInt(Integer::intValue).toArray();
        }
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
                    for (Group g : groups) {
                        g.recording.recordSpikes(null);
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
                populations[i].recordState(st.variable(), st.neurons(), historyLength);
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
        for (Block b : blocks) {
            synOps += b.synOps;
        }
        return Recording.result(network, dtSeconds, pops, srcs, step, synOps, neuronUpdates, buildSeconds,
                loopSeconds);
    }

    // ---------------------------------------------------------------- state holders

    /** Anything that emits spikes: a population or a source; its blocks, and its spikes of the step recorded last. */
    private abstract static class Group {
        final String name;
        final int n;
        final int[] spikes;
        int spikeCount;
        final Recording recording;
        Block[] blocks;

        Group(String name, int n) {
            this.name = name;
            this.n = n;
            this.spikes = new int[n];
            recording = new Recording(name, n);
        }
    }

    private static final class PopulationState extends Group {
        final int index;
        final StepConstants constants;
        final List<StateRecord> stateRecords = new ArrayList<>();

        PopulationState(int index, Population pop, double dtSeconds) {
            super(pop.name(), pop.size());
            this.index = index;
            constants = new StepConstants(pop.model(), dtSeconds);
        }

        /** A state monitor: each block samples its own neurons; the recorder takes them in the monitor's order. */
        void recordState(StateVariable variable, int[] neurons, int historyLength) {
            if (variable.port() >= constants.ports) {
                throw new IllegalArgumentException("state variable " + variable.name() + " of '" + name
                        + "': the population has " + constants.ports + " port(s)");
            }
            Block.Sampler[] samplerOf = new Block.Sampler[neurons.length];
            int[] column = new int[neurons.length];
            for (Block b : blocks) {
                List<Integer> mine = new ArrayList<>();
                for (int j = 0; j < neurons.length; j++) {
                    recording.checkNeuron(neurons[j], "state monitor");
                    if (neurons[j] >= b.lo && neurons[j] < b.lo + b.n) {
                        mine.add(j);
                    }
                }
                if (mine.isEmpty()) {
                    continue;
                }
                float[][] arrays = new float[mine.size()][];
                int[] local = new int[mine.size()];
                for (int c = 0; c < local.length; c++) {
                    arrays[c] = b.slice.variable(variable);
                    local[c] = neurons[mine.get(c)] - b.lo;
                }
                Block.Sampler sampler = new Block.Sampler(arrays, local, historyLength);
                b.samplers = java.util.Arrays.copyOf(b.samplers, b.samplers.length + 1);
                b.samplers[b.samplers.length - 1] = sampler;
                for (int c = 0; c < local.length; c++) {
                    samplerOf[mine.get(c)] = sampler;
                    column[mine.get(c)] = c;
                }
            }
            StateRecord record = new StateRecord(new TraceRecorder(variable, neurons), samplerOf, column);
            stateRecords.add(record);
            recording.traces.add(record.trace);
        }
    }

    /** A state monitor's neurons in its order: neuron j is column[j] of samplers[j]. */
    private record StateRecord(TraceRecorder trace, Block.Sampler[] samplers, int[] column) {
        void take(int slot) {
            for (int j = 0; j < column.length; j++) {
                trace.add(samplers[j].values[slot][column[j]]);
            }
        }
    }

    private static final class SourceState extends Group {
        final SourceStream stream;

        SourceState(SpikeSource src, double dtSeconds, SplittableRandom rng) {
            super(src.name(), src.size());
            stream = new SourceStream(src, dtSeconds, rng);
        }
    }

    /** Thrown in the other threads when one failed; the engine reports that failure instead. */
    private static final class Broken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Broken() {
            super("another engine thread failed", null, false, false);
        }
    }
}
