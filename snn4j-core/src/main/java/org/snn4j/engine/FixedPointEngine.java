package org.snn4j.engine;

import java.util.List;
import java.util.SplittableRandom;
import org.snn4j.hardware.FixedPoint;
import org.snn4j.hardware.LoihiLif;
import org.snn4j.hardware.XyloLif;
import org.snn4j.model.Network;
import org.snn4j.model.Projection;

/**
 * A network run as a digital neuromorphic chip computes it ({@link FixedPoint}: Loihi-style or
 * Xylo-style integers), clock-driven, behind the same engine interface: the same sources (the same
 * seed gives the same input spikes as the float engines), monitors of spikes and rates, and of V in
 * the chip's integer units; the cost counts each delivered spike once per synapse.
 *
 * <p>Loihi: each projection (Lava's dense layer) sums the mantissas of the synapses that arrive in a
 * step per target, then shifts the sum by its weight_exp; the neurons' input a_in is the sum over
 * projections ({@link LoihiLif}). Xylo: each arriving spike adds its weight, shifted left, to the
 * target's current with int16 saturation, inputs first, then the neurons' spikes of the step before,
 * in the projections' order and the synapses' order ({@link XyloLif}, as XyloSim's
 * {@code deliver_spikes}); a neuron that emits k spikes in a step delivers its weight k times and is
 * recorded k times.
 *
 * <p>Event-driven ({@code eventDriven}, the event engine's synchronous schedule): only neurons with
 * state, a bias or input this step are updated; a neuron at rest (all state 0, no bias) stays at rest
 * in both chips' arithmetic, so the spikes are the clock-driven run's and only the update count differs.
 */
public final class FixedPointEngine extends EngineBase<FixedPointEngine> {
    private final FixedPoint fixed;
    private Recording[] popRecordings;
    private Recording[] srcRecordings;
    private SourceStream[] streams;
    private int[][] srcSpikes;
    private int[] srcCount;
    private int[][] u;
    private int[][] v;
    private int[][] aIn;
    private int[][] spikes;
    private int[] spikeCount;
    private int[][] counts;
    private int[][] refractory;
    /** Loihi: per projection, [slot][target] mantissa sums; slot = step % ring. */
    private int[][][] pending;
    private int ring;
    private TraceRecorder[][] traces;
    private int[][] traced;
    private long synOps;
    private long updates;
    private final boolean eventDriven;
    /** Event-driven: per population, the neurons to update this step (unsorted) and a membership flag. */
    private int[][] activeList;
    private int[] activeCount;
    private boolean[][] active;

    FixedPointEngine(Network network, double dtSeconds, FixedPoint.Chip chip, boolean eventDriven) {
        super(network, dtSeconds);
        this.fixed = FixedPoint.convert(network, dtSeconds, chip);
        this.eventDriven = eventDriven;
    }

    /** The conversion: every integer parameter chosen, and the report of what changed. */
    public FixedPoint conversion() {
        return fixed;
    }

    private void start() {
        long t0 = System.nanoTime();
        started = true;
        int np = fixed.neurons.size();
        popRecordings = new Recording[np];
        u = new int[np][];
        v = new int[np][];
        aIn = new int[np][];
        spikes = new int[np][];
        spikeCount = new int[np];
        counts = new int[np][];
        refractory = new int[np][];
        activeList = new int[np][];
        activeCount = new int[np];
        active = new boolean[np][];
        for (int p = 0; p < np; p++) {
            FixedPoint.Neurons n = fixed.neurons.get(p);
            popRecordings[p] = new Recording(n.name, n.n);
            u[p] = new int[n.n];
            v[p] = n.initialV.clone();
            aIn[p] = new int[n.n];
            spikes[p] = new int[n.n];
            counts[p] = new int[n.n];
            refractory[p] = new int[n.n];
            activeList[p] = new int[n.n];
            active[p] = new boolean[n.n];
            for (int i = 0; i < n.n; i++) {
                if (!eventDriven || v[p][i] != 0 || n.bias[i] != 0) {
                    activate(p, i);
                }
            }
        }
        List<org.snn4j.model.SpikeSource> srcs = network.sources();
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL); // as the float engines draw them
        streams = new SourceStream[srcs.size()];
        srcRecordings = new Recording[srcs.size()];
        srcSpikes = new int[srcs.size()][];
        srcCount = new int[srcs.size()];
        for (int s = 0; s < streams.length; s++) {
            streams[s] = new SourceStream(srcs.get(s), dtSeconds, rng.split());
            srcRecordings[s] = new Recording(srcs.get(s).name(), srcs.get(s).size());
            srcSpikes[s] = new int[srcs.get(s).size()];
        }
        ring = fixed.maxDelay + 1;
        pending = new int[fixed.synapses.size()][][];
        if (fixed.chip == FixedPoint.Chip.LOIHI) {
            for (int q = 0; q < pending.length; q++) {
                pending[q] = new int[ring][fixed.neurons.get(fixed.synapses.get(q).target).n];
            }
        }
        traces = new TraceRecorder[np][];
        traced = new int[np][];
        for (Monitor m : monitors) {
            attach(m);
        }
        startDecision();
        buildSeconds = (System.nanoTime() - t0) * 1e-9;
    }

    private void attach(Monitor m) {
        if (m instanceof Monitor.Spikes s) {
            if (s.population() == null) {
                for (Recording r : popRecordings) {
                    r.recordSpikes(null);
                }
                for (Recording r : srcRecordings) {
                    r.recordSpikes(null);
                }
            } else {
                recording(s.population(), "spike monitor").recordSpikes(s.neurons());
            }
        } else if (m instanceof Monitor.Rates r) {
            recording(r.population(), "rate monitor").recordRate();
        } else if (m instanceof Monitor.States st) {
            int p = network.populationIndex(st.population());
            if (p < 0) {
                throw new IllegalArgumentException("state monitor of '" + st.population() + "': no such population");
            }
            if (st.variable() != StateVariable.V) {
                throw new IllegalArgumentException("state monitor of '" + st.population() + "': the fixed-point engine"
                        + " records V (in the chip's integer units) only");
            }
            for (int i : st.neurons()) {
                popRecordings[p].checkNeuron(i, "state monitor");
            }
            TraceRecorder t = new TraceRecorder(StateVariable.V, st.neurons().clone());
            traces[p] = traces[p] == null ? new TraceRecorder[] {t} : append(traces[p], t);
            traced[p] = traced[p] == null ? st.neurons().clone() : concat(traced[p], st.neurons());
            popRecordings[p].traces.add(t);
        }
    }

    private static TraceRecorder[] append(TraceRecorder[] a, TraceRecorder t) {
        TraceRecorder[] b = java.util.Arrays.copyOf(a, a.length + 1);
        b[a.length] = t;
        return b;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private Recording recording(String name, String what) {
        int p = network.populationIndex(name);
        if (p >= 0) {
            return popRecordings[p];
        }
        int s = network.sourceIndex(name);
        if (s >= 0) {
            return srcRecordings[s];
        }
        throw new IllegalArgumentException(what + " of '" + name + "': no such population or source");
    }

    @Override
    public RunResult runSteps(long steps, ProgressListener progress) {
        requireSteps(steps);
        if (!started) {
            start();
        }
        long t0 = System.nanoTime();
        long end = step + steps;
        while (step < end && !stopped) {
            long k = step + 1;
            advance(k);
            step = k;
            progress.progress(step - (end - steps), steps);
        }
        loopSeconds += (System.nanoTime() - t0) * 1e-9;
        return result();
    }

    /** Step k: sources, deliveries, the neurons' update, recordings. */
    private void advance(long k) {
        for (int s = 0; s < streams.length; s++) {
            srcCount[s] = streams[s].emit(k, srcSpikes[s]);
            srcRecordings[s].spikes(srcSpikes[s], srcCount[s], k);
            srcRecordings[s].endStep();
        }
        boolean loihi = fixed.chip == FixedPoint.Chip.LOIHI;
        if (loihi) {
            loihiInputs(k);
        } else {
            xyloInputs();
        }
        for (int p = 0; p < fixed.neurons.size(); p++) {
            FixedPoint.Neurons n = fixed.neurons.get(p);
            int count = update(p, n, loihi);
            spikeCount[p] = count;
            Recording r = popRecordings[p];
            for (int x = 0; x < count; x++) {
                int i = spikes[p][x];
                int times = loihi ? 1 : counts[p][i];
                for (int c = 0; c < times; c++) {
                    r.spike(i, k);
                }
            }
            r.endStep();
            if (traces[p] != null) {
                int j = 0;
                for (TraceRecorder t : traces[p]) {
                    for (int ignored : t.neurons) {
                        t.add(v[p][traced[p][j++]]);
                    }
                }
            }
            if (layerSpiked(p, spikes[p], count)) {
                stopped = true;
            }
        }
        if (loihi) {
            loihiSend(k);
        }
    }

    private void activate(int p, int i) {
        if (!active[p][i]) {
            active[p][i] = true;
            activeList[p][activeCount[p]++] = i;
        }
    }

    /**
     * Updates population p's neurons (all, or in event-driven mode those active, in ascending order),
     * puts its spiking neurons in spikes[p] and returns their number; at rest a neuron leaves the list.
     */
    private int update(int p, FixedPoint.Neurons n, boolean loihi) {
        int[] list = activeList[p];
        int m = activeCount[p];
        if (eventDriven) {
            java.util.Arrays.sort(list, 0, m);
        }
        int threshold = n.threshold << LoihiLif.VTH_SHIFT;
        int count = 0;
        int kept = 0;
        for (int x = 0; x < m; x++) {
            int i = list[x];
            int k;
            if (loihi) {
                k = LoihiLif.stepOne(i, u[p], v[p], aIn[p][i], n.bias[i], n.decaySyn, n.decayMem, threshold,
                        refractory[p], n.refractorySteps) ? 1 : 0;
                aIn[p][i] = 0;
            } else {
                k = XyloLif.stepOne(i, u[p], v[p], n.decaySyn, n.decayMem, n.threshold, n.maxSpikes);
            }
            counts[p][i] = k;
            if (k > 0) {
                spikes[p][count++] = i;
            }
            if (eventDriven && u[p][i] == 0 && v[p][i] == 0 && refractory[p][i] == 0 && n.bias[i] == 0) {
                active[p][i] = false;
            } else {
                list[kept++] = i;
            }
        }
        updates += m;
        activeCount[p] = kept;
        return count;
    }

    /** Loihi: a_in of step k, each projection's mantissa sums for this step shifted by its weight_exp. */
    private void loihiInputs(long k) {
        int slot = (int) (k % ring);
        for (int q = 0; q < pending.length; q++) {
            FixedPoint.Synapses syn = fixed.synapses.get(q);
            int[] sums = pending[q][slot];
            int[] a = aIn[syn.target];
            int e = syn.exponent;
            for (int j = 0; j < sums.length; j++) {
                int s = sums[j];
                if (s != 0) {
                    a[j] += e >= 0 ? s << e : s >> -e;
                    sums[j] = 0;
                    activate(syn.target, j);
                }
            }
        }
        // the sources' spikes of step k go out now, to arrive one step later or more
        for (int q = 0; q < pending.length; q++) {
            FixedPoint.Synapses syn = fixed.synapses.get(q);
            if (syn.fromSource) {
                send(q, srcSpikes[syn.source], srcCount[syn.source], k);
            }
        }
    }

    /** Loihi: the neurons' spikes of step k into the projections' pending sums. */
    private void loihiSend(long k) {
        for (int q = 0; q < pending.length; q++) {
            FixedPoint.Synapses syn = fixed.synapses.get(q);
            if (!syn.fromSource) {
                send(q, spikes[syn.source], spikeCount[syn.source], k);
            }
        }
    }

    private void send(int q, int[] pre, int count, long k) {
        FixedPoint.Synapses syn = fixed.synapses.get(q);
        Projection p = network.projections().get(q);
        int[][] slots = pending[q];
        for (int x = 0; x < count; x++) {
            int i = pre[x];
            for (int s = p.rowStart(i), e = s + p.fanOut(i); s < e; s++) {
                slots[(int) ((k + syn.delay[s]) % ring)][p.targetOf(s)] += syn.mantissa[s];
                synOps++;
            }
        }
    }

    /** Xylo: inputs of this step, then the neurons' spikes of the step before, into the currents. */
    private void xyloInputs() {
        for (int pass = 0; pass < 2; pass++) {
            for (int q = 0; q < fixed.synapses.size(); q++) {
                FixedPoint.Synapses syn = fixed.synapses.get(q);
                if (syn.fromSource != (pass == 0)) {
                    continue;
                }
                Projection p = network.projections().get(q);
                int[] pre = syn.fromSource ? srcSpikes[syn.source] : spikes[syn.source];
                int count = syn.fromSource ? srcCount[syn.source] : spikeCount[syn.source];
                int[] isyn = u[syn.target];
                for (int x = 0; x < count; x++) {
                    int i = pre[x];
                    int times = syn.fromSource ? 1 : counts[syn.source][i];
                    for (int s = p.rowStart(i), e = s + p.fanOut(i); s < e; s++) {
                        int w = (short) (syn.mantissa[s] << syn.exponent);
                        int j = p.targetOf(s);
                        for (int c = 0; c < times; c++) {
                            isyn[j] = XyloLif.add16(isyn[j], w);
                            synOps++;
                        }
                        activate(syn.target, j);
                    }
                }
            }
        }
    }

    private RunResult result() {
        return Recording.result(network, dtSeconds, popRecordings, srcRecordings, step, synOps, updates, buildSeconds,
                loopSeconds);
    }
}
