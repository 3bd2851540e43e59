package org.snn4j.hardware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snn4j.engine.SpikeTrain;
import org.snn4j.model.MemoryCheck;
import org.snn4j.model.Network;
import org.snn4j.model.Population;
import org.snn4j.model.Projection;

/**
 * A model of a multi-core neuromorphic chip running a network: neurons are assigned to K cores,
 * each core's time per step is taken from a run's own counts (its neuron updates, the SynOps that
 * arrive at it, the spikes it sends) times per-operation latencies, and the completion time of the
 * run is computed twice: with a global barrier after every step (every core waits for the slowest,
 * and zero-delay chains run one after the other within the step), and with per-core dependency
 * scheduling (a core starts step t once it has finished t - 1 and each core feeding it has finished
 * t - d, d the smallest delay between them, plus one hop), as in the asynchronous multi-core
 * accelerator of Chen et al. 2024, whose barrier-free cores gave 1.86x speed on five workloads.
 *
 * <p>Assignment: a core holds one population's neurons only (a contiguous range, as layer-by-layer
 * mappings do); every population gets the cores its neurons and input synapses need under the
 * per-core {@link Budget}, and the remaining cores go one by one to the population whose cores carry
 * the most work each; within a population the ranges carry equal work (measured: updates and
 * arriving SynOps). Sources are off-chip inputs: their spikes cost SynOps where they arrive.
 */
public final class ChipSim {
    private ChipSim() {
    }

    /**
     * Per-operation latencies (seconds): a neuron update, a neuron update that spikes (instead of
     * the plain one), a SynOp at the receiving core, a spike sent to one destination core, a hop of
     * the network on chip, a global barrier.
     */
    public record Profile(String name, double update, double spikingUpdate, double synOp, double message, double hop,
            double barrier, String source) {
        /**
         * Intel Loihi, the latencies of SANA-FE's Loihi architecture file (SLAM-Lab/SANA-FE,
         * arch/loihi.yaml, which takes them from Davies et al., IEEE Micro 38(1), 2018): active neuron
         * update 9.7 ns, spiking update 30 ns, synaptic spike 4.0 ns, axon out 7.6 ns, mesh hop 6.5 ns
         * (north-south; east-west 4.1 ns), global barrier 299 ns.
         */
        public static final Profile LOIHI = new Profile("loihi", 9.7e-9, 30.0e-9, 4.0e-9, 7.6e-9, 6.5e-9, 299e-9,
                "SANA-FE arch/loihi.yaml, from Davies et al., IEEE Micro 38(1), 2018");

        public Profile {
            for (double v : new double[] {update, spikingUpdate, synOp, message, hop, barrier}) {
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException("chip profile '" + name + "': latencies must be finite and"
                            + " >= 0, got " + v);
                }
            }
        }

        /** {@code loihi}, or {@code custom:UPDATE,SPIKING,SYNOP,MESSAGE,HOP,BARRIER} in seconds. */
        public static Profile parse(String text) {
            if (text.equals("loihi")) {
                return LOIHI;
            }
            if (text.startsWith("custom:")) {
                String[] p = text.substring(7).split(",");
                if (p.length == 6) {
                    try {
                        double[] v = Arrays.stream(p).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
                        return new Profile("custom", v[0], v[1], v[2], v[3], v[4], v[5], "given by the user");
                    } catch (NumberFormatException e) {
                        // reported below
                    }
                }
            }
            throw new IllegalArgumentException("chip profile '" + text + "': expected loihi or"
                    + " custom:UPDATE_S,SPIKING_S,SYNOP_S,MESSAGE_S,HOP_S,BARRIER_S");
        }
    }

    /** What one core holds at most: neurons, and input synapses (its synapse memory). */
    public record Budget(int neuronsPerCore, long synapsesPerCore) {
        /** Loihi: 1,024 compartments a core, 1 Mbit of synapse memory at the map's 24 bits a synapse. */
        public static final Budget LOIHI = new Budget(ChipMap.LOIHI_NEURONS_PER_CORE,
                ChipMap.LOIHI_SYNAPSE_MEMORY_BITS / ChipMap.LOIHI_SYNAPSE_BITS);

        public Budget {
            if (neuronsPerCore < 1 || synapsesPerCore < 1) {
                throw new IllegalArgumentException("core budget: neurons " + neuronsPerCore + " and synapses "
                        + synapsesPerCore + " a core must be >= 1");
            }
        }
    }

    /** One core: its neurons, input synapses, busy time, and idle fraction under either schedule. */
    public record Core(int index, String population, int from, int to, long synapses, double busySeconds,
            double idleBarrier, double idleDataflow) {
    }

    /**
     * The result. Barrier time = the slowest core's work, summed over steps ({@code slowestSeconds}),
     * plus what zero-delay chains add within steps ({@code chainSeconds}), plus a barrier a step;
     * the dataflow time's critical path is {@code criticalWorkSeconds} of work plus
     * {@code criticalHops} hops, and crosses {@code criticalCores} distinct cores.
     */
    public record Result(Profile profile, long steps, List<Core> cores, double barrierSeconds, double dataflowSeconds,
            double slowestSeconds, double chainSeconds, double barrierSyncSeconds, double meanWorkSeconds,
            double criticalWorkSeconds, long criticalHops, int criticalCores, double idleBarrier, double idleDataflow) {
        public double speedup() {
            return barrierSeconds / dataflowSeconds;
        }

        /** Where the barrier time goes, and what the dataflow schedule overlaps, in one line. */
        public String explanation() {
            return String.format(Locale.ROOT, "barrier: slowest core %.1f%%, zero-delay chains %.1f%%, barriers %.1f%%"
                    + " of its time, against an average core's %.1f%%; dataflow: critical path %.1f%% work, %d hops,"
                    + " over %d core(s)", 100 * slowestSeconds / barrierSeconds, 100 * chainSeconds / barrierSeconds,
                    100 * barrierSyncSeconds / barrierSeconds, 100 * meanWorkSeconds / barrierSeconds,
                    100 * criticalWorkSeconds / dataflowSeconds, criticalHops, criticalCores);
        }
    }

    /**
     * Simulates the network on {@code coreCount} cores for the run whose spikes are given (every
     * population's and source's, steps 1..steps, as a clock or event run records them).
     */
    public static Result simulate(Network net, long steps, Map<String, SpikeTrain> spikes, int coreCount,
            Budget budget, Profile profile) {
        if (coreCount < 1) {
            throw new IllegalArgumentException("cores " + coreCount + ": must be >= 1");
        }
        requireFits(coreCount, steps);
        List<Population> pops = net.populations();
        if (pops.isEmpty()) {
            throw new IllegalArgumentException("the network has no population to place on cores");
        }
        if (coreCount > net.neuronCount()) {
            throw new IllegalArgumentException("cores " + coreCount + ": more than the network's " + net.neuronCount()
                    + " neurons");
        }
        int np = pops.size();
        int[][] fanIn = new int[np][];
        long[][] synIn = new long[np][];
        int[][] spikesOf = new int[np][];
        for (int p = 0; p < np; p++) {
            fanIn[p] = new int[pops.get(p).size()];
            synIn[p] = new long[pops.get(p).size()];
            spikesOf[p] = new int[pops.get(p).size()];
        }
        for (Projection proj : net.projections()) {
            int t = net.populationIndex(proj.target());
            for (int s = 0; s < proj.synapseCount(); s++) {
                fanIn[t][proj.targetOf(s)]++;
            }
        }
        for (int p = 0; p < np; p++) {
            for (int i = 0; i < fanIn[p].length; i++) {
                if (fanIn[p][i] > budget.synapsesPerCore()) {
                    throw new IllegalArgumentException("core budget of " + budget.synapsesPerCore() + " synapses:"
                            + " neuron " + i + " of '" + pops.get(p).name() + "' alone has " + fanIn[p][i]
                            + " input synapses");
                }
            }
        }
        // pass 1: the SynOps each neuron receives, and the spikes it emits
        forEachArrival(net, steps, spikes, (target, neuron, step) -> synIn[target][neuron]++);
        for (int p = 0; p < np; p++) {
            SpikeTrain st = spikes.get(pops.get(p).name());
            if (st == null) {
                throw new IllegalArgumentException("no spikes recorded of population '" + pops.get(p).name() + "'");
            }
            for (int n : st.neurons()) {
                spikesOf[p][n]++;
            }
        }
        double[][] work = new double[np][];
        double[] total = new double[np];
        for (int p = 0; p < np; p++) {
            work[p] = new double[fanIn[p].length];
            for (int i = 0; i < work[p].length; i++) {
                work[p][i] = steps * profile.update() + spikesOf[p][i] * (profile.spikingUpdate() - profile.update())
                        + synIn[p][i] * profile.synOp();
                total[p] += work[p][i];
            }
        }
        // cores per population: what the budget needs, then one by one to the most loaded cores
        int[] cores = new int[np];
        int needed = 0;
        for (int p = 0; p < np; p++) {
            cores[p] = pack(fanIn[p], budget).length;
            needed += cores[p];
        }
        if (needed > coreCount) {
            throw new IllegalArgumentException("cores " + coreCount + ": the network needs at least " + needed
                    + " cores of " + budget.neuronsPerCore() + " neurons and " + budget.synapsesPerCore()
                    + " input synapses");
        }
        for (int extra = needed; extra < coreCount; extra++) {
            int best = -1;
            for (int p = 0; p < np; p++) {
                if (cores[p] < fanIn[p].length && (best < 0 || total[p] / cores[p] > total[best] / cores[best])) {
                    best = p;
                }
            }
            cores[best]++;
        }
        // ranges of equal work within each population, no core over the budget
        int[] order = net.updateOrder();
        List<int[]> ranges = new ArrayList<>(); // {population, from, to (exclusive)}
        int[][] coreOf = new int[np][];
        for (int p : order) {
            coreOf[p] = new int[fanIn[p].length];
            int[] starts = balance(work[p], fanIn[p], cores[p], budget);
            for (int r = 0; r < starts.length; r++) {
                int to = r + 1 < starts.length ? starts[r + 1] : fanIn[p].length;
                for (int i = starts[r]; i < to; i++) {
                    coreOf[p][i] = ranges.size();
                }
                ranges.add(new int[] {p, starts[r], to});
            }
        }
        int k = ranges.size();
        requireFits(k, steps);
        int t1 = (int) steps + 1;
        int[][] synOps = new int[k][t1];
        int[][] fired = new int[k][t1];
        int[][] sent = new int[k][t1];
        forEachArrival(net, steps, spikes, (target, neuron, step) -> synOps[coreOf[target][neuron]][step]++);
        // each neuron's spike is sent once to every distinct core it reaches
        int[][] destinations = new int[np][];
        int[][] minDelay = new int[k][k];
        for (int[] row : minDelay) {
            Arrays.fill(row, Integer.MAX_VALUE);
        }
        for (int p = 0; p < np; p++) {
            destinations[p] = new int[fanIn[p].length];
            String name = pops.get(p).name();
            List<Projection> out = net.projections().stream().filter(q -> q.source().equals(name)).toList();
            boolean[] seen = new boolean[k];
            int[] touched = new int[k];
            for (int i = 0; i < fanIn[p].length; i++) {
                int m = 0;
                for (Projection q : out) {
                    int t = net.populationIndex(q.target());
                    for (int s = q.rowStart(i); s < q.rowStart(i) + q.fanOut(i); s++) {
                        int c = coreOf[t][q.targetOf(s)];
                        int from = coreOf[p][i];
                        minDelay[from][c] = Math.min(minDelay[from][c], q.delayOf(s));
                        if (!seen[c]) {
                            seen[c] = true;
                            touched[m++] = c;
                        }
                    }
                }
                for (int j = 0; j < m; j++) {
                    seen[touched[j]] = false;
                }
                destinations[p][i] = m;
            }
            SpikeTrain st = spikes.get(name);
            int[] stSteps = st.steps();
            int[] stNeurons = st.neurons();
            for (int e = 0; e < stSteps.length; e++) {
                if (stSteps[e] >= 1 && stSteps[e] <= steps) {
                    int c = coreOf[p][stNeurons[e]];
                    fired[c][stSteps[e]]++;
                    sent[c][stSteps[e]] += destinations[p][stNeurons[e]];
                }
            }
        }
        // the feeders of each core (other cores, and itself only through delay 0, which cannot occur)
        int[][] feeders = new int[k][];
        int[][] feederDelay = new int[k][];
        for (int c = 0; c < k; c++) {
            int count = 0;
            for (int f = 0; f < k; f++) {
                count += f != c && minDelay[f][c] != Integer.MAX_VALUE ? 1 : 0;
            }
            feeders[c] = new int[count];
            feederDelay[c] = new int[count];
            for (int f = 0, j = 0; f < k; f++) {
                if (f != c && minDelay[f][c] != Integer.MAX_VALUE) {
                    feeders[c][j] = f;
                    feederDelay[c][j++] = minDelay[f][c];
                }
            }
        }
        int[] neurons = new int[k];
        for (int c = 0; c < k; c++) {
            neurons[c] = ranges.get(c)[2] - ranges.get(c)[1];
        }
        // barrier: each step as long as its longest zero-delay chain of core work, then the barrier
        double[] busy = new double[k];
        double[] finish = new double[k];
        double barrierTotal = 0;
        double slowest = 0;
        double chains = 0;
        double workTotal = 0;
        for (int t = 1; t <= steps; t++) {
            double stepEnd = 0;
            double maxWork = 0;
            for (int c = 0; c < k; c++) {
                double w = work(profile, neurons[c], fired[c][t], synOps[c][t], sent[c][t]);
                busy[c] += w;
                workTotal += w;
                maxWork = Math.max(maxWork, w);
                double start = 0;
                for (int j = 0; j < feeders[c].length; j++) {
                    if (feederDelay[c][j] == 0) {
                        start = Math.max(start, finish[feeders[c][j]] + profile.hop());
                    }
                }
                finish[c] = start + w;
                stepEnd = Math.max(stepEnd, finish[c]);
            }
            slowest += maxWork;
            chains += stepEnd - maxWork;
            barrierTotal += stepEnd + profile.barrier();
        }
        double barrierSync = steps * profile.barrier();
        // dataflow: finish[c][t] = max(own t - 1, feeders' t - d + hop) + work; cores in update order
        double[][] done = new double[k][t1];
        int[][] pred = new int[k][t1];
        for (int t = 1; t <= steps; t++) {
            for (int c = 0; c < k; c++) {
                double start = done[c][t - 1];
                int from = -1;
                for (int j = 0; j < feeders[c].length; j++) {
                    int s = t - feederDelay[c][j];
                    if (s >= 1 && done[feeders[c][j]][s] + profile.hop() > start) {
                        start = done[feeders[c][j]][s] + profile.hop();
                        from = j;
                    }
                }
                pred[c][t] = from;
                done[c][t] = start + work(profile, neurons[c], fired[c][t], synOps[c][t], sent[c][t]);
            }
        }
        int last = 0;
        for (int c = 1; c < k; c++) {
            last = done[c][t1 - 1] > done[last][t1 - 1] ? c : last;
        }
        double dataflowTotal = done[last][t1 - 1];
        // the critical path, back from the core that finishes last
        double criticalWork = 0;
        long hops = 0;
        boolean[] onPath = new boolean[k];
        for (int c = last, t = t1 - 1; t >= 1;) {
            onPath[c] = true;
            criticalWork += work(profile, neurons[c], fired[c][t], synOps[c][t], sent[c][t]);
            int j = pred[c][t];
            if (j < 0) {
                t--;
            } else {
                hops++;
                int f = feeders[c][j];
                t -= feederDelay[c][j];
                c = f;
            }
        }
        int pathCores = 0;
        for (boolean b : onPath) {
            pathCores += b ? 1 : 0;
        }
        List<Core> out = new ArrayList<>();
        double idleB = 0;
        double idleD = 0;
        for (int c = 0; c < k; c++) {
            int[] r = ranges.get(c);
            long syn = 0;
            for (int i = r[1]; i < r[2]; i++) {
                syn += fanIn[r[0]][i];
            }
            double ib = 1 - busy[c] / barrierTotal;
            double id = 1 - busy[c] / dataflowTotal;
            idleB += ib / k;
            idleD += id / k;
            out.add(new Core(c, pops.get(r[0]).name(), r[1], r[2], syn, busy[c], ib, id));
        }
        return new Result(profile, steps, List.copyOf(out), barrierTotal, dataflowTotal, slowest, chains, barrierSync,
                workTotal / k, criticalWork, hops, pathCores, idleB, idleD);
    }

    /**
     * Refuses, before any run, a simulation whose per-core, per-step tables (three counts, a finish
     * time and a predecessor each) cannot fit, or more steps than an int counts.
     */
    public static void requireFits(int cores, long steps) {
        if (steps < 1 || steps > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("steps " + steps + ": must be in [1, " + (Integer.MAX_VALUE - 1) + "]");
        }
        MemoryCheck.require("the chip simulation of " + cores + " cores over " + steps + " steps",
                (double) cores * (steps + 1) * (4 * 3 + 8 + 4));
    }

    private static double work(Profile p, int neurons, int fired, int synOps, int sent) {
        return neurons * p.update() + fired * (p.spikingUpdate() - p.update()) + synOps * p.synOp() + sent * p.message();
    }

    /** Called for every synapse a recorded spike crosses within the run: (target population, neuron, arrival step). */
    private interface Arrival {
        void at(int target, int neuron, int step);
    }

    private static void forEachArrival(Network net, long steps, Map<String, SpikeTrain> spikes, Arrival arrival) {
        for (Projection q : net.projections()) {
            SpikeTrain st = spikes.get(q.source());
            if (st == null) {
                throw new IllegalArgumentException("no spikes recorded of '" + q.source() + "'");
            }
            int target = net.populationIndex(q.target());
            int[] stSteps = st.steps();
            int[] stNeurons = st.neurons();
            for (int e = 0; e < stSteps.length; e++) {
                int pre = stNeurons[e];
                for (int s = q.rowStart(pre); s < q.rowStart(pre) + q.fanOut(pre); s++) {
                    long at = (long) stSteps[e] + q.delayOf(s);
                    if (at <= steps) {
                        arrival.at(target, q.targetOf(s), (int) at);
                    }
                }
            }
        }
    }

    /** The first neuron of each core when neurons are packed in order under the budget alone. */
    private static int[] pack(int[] fanIn, Budget budget) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        int neurons = 0;
        long synapses = 0;
        for (int i = 0; i < fanIn.length; i++) {
            if (neurons + 1 > budget.neuronsPerCore() || synapses + fanIn[i] > budget.synapsesPerCore()) {
                starts.add(i);
                neurons = 0;
                synapses = 0;
            }
            neurons++;
            synapses += fanIn[i];
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The first neuron of each of {@code count} ranges of near-equal work: a range closes once its
     * share of the work is reached, or earlier when the next neuron would break the budget, or
     * when the neurons left are only enough for the ranges left.
     */
    private static int[] balance(double[] work, int[] fanIn, int count, Budget budget) {
        int n = work.length;
        double total = 0;
        for (double w : work) {
            total += w;
        }
        int[] starts = new int[count];
        int opened = 1;
        double done = 0;
        int neurons = 0;
        long synapses = 0;
        for (int i = 0; i < n; i++) {
            boolean over = neurons + 1 > budget.neuronsPerCore() || synapses + fanIn[i] > budget.synapsesPerCore();
            if (i > 0 && opened < count && (over || done >= total * opened / count || n - i == count - opened)) {
                starts[opened++] = i;
                neurons = 0;
                synapses = 0;
            } else if (over) {
                throw new IllegalArgumentException("cores: " + count + " cores of " + budget.neuronsPerCore()
                        + " neurons and " + budget.synapsesPerCore() + " synapses cannot hold this population's"
                        + " neurons at balanced work; give more cores");
            }
            neurons++;
            synapses += fanIn[i];
            done += work[i];
        }
        return starts;
    }
}
