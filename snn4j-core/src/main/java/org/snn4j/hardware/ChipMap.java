package org.snn4j.hardware;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.snn4j.model.Network;
import org.snn4j.model.Population;
import org.snn4j.model.Projection;

/**
 * A network assigned to a chip's cores under its published limits, with every violation named
 * (population, neuron, projection, synapse) and what {@code snn4j train} options would fix it.
 *
 * <p>Loihi (Davies et al., "Loihi: A Neuromorphic Manycore Processor with On-Chip Learning", IEEE Micro
 * 38(1), 2018: 128 cores a chip, 1,024 compartments a core; NengoLoihi's hardware checks: at most 4,096
 * input axons and 4,096 output axons a core, 1,048,576 synapse bits (128 KiB) a core; axonal delays up
 * to 62 steps as this project's fixed-point mode takes them). Neurons are packed into cores in
 * population order, a core closed when the next neuron would exceed a limit; a synapse is counted as
 * {@value #LOIHI_SYNAPSE_BITS} bits (8 weight bits, 6 delay bits, a 10-bit target index: an estimate of
 * Loihi's sparse synapse format, not its exact encoding); a core's input axons are the distinct
 * presynaptic neurons of its synapses, its output axons the distinct (neuron, target core) pairs.
 *
 * <p>Xylo (SynSense Xylo Audio 2, SYNS61201, as Rockpool's XyloSim models it): one core of 16 input
 * channels, 1,000 hidden neurons and 8 readout neurons; a population that feeds another is hidden,
 * one that feeds none is a readout; synaptic delays are not held (inputs arrive in their step, the
 * neurons' spikes a step later).
 */
public final class ChipMap {
    public static final int LOIHI_CORES_PER_CHIP = 128;
    public static final int LOIHI_NEURONS_PER_CORE = 1024;
    public static final int LOIHI_INPUT_AXONS = 4096;
    public static final int LOIHI_OUTPUT_AXONS = 4096;
    public static final long LOIHI_SYNAPSE_MEMORY_BITS = 1L << 20;
    public static final int LOIHI_SYNAPSE_BITS = 24;
    public static final int XYLO_INPUTS = 16;
    public static final int XYLO_HIDDEN = 1000;
    public static final int XYLO_READOUT = 8;

    /** One core: the neurons it holds (as "population[from..to]" ranges) and what it uses. */
    public record Core(int index, List<String> ranges, int neurons, long synapses, long synapseBits, int inputAxons,
            int outputAxons) {
    }

    public final FixedPoint.Chip chip;
    public final List<Core> cores;
    public final int chips;
    public final List<String> violations;
    public final List<String> fixes;

    private ChipMap(FixedPoint.Chip chip, List<Core> cores, int chips, List<String> violations, List<String> fixes) {
        this.chip = chip;
        this.cores = Collections.unmodifiableList(cores);
        this.chips = chips;
        this.violations = Collections.unmodifiableList(violations);
        this.fixes = Collections.unmodifiableList(fixes);
    }

    public static ChipMap of(Network net, FixedPoint.Chip chip) {
        return chip == FixedPoint.Chip.LOIHI ? loihi(net) : xylo(net);
    }

    private static ChipMap loihi(Network net) {
        List<String> violations = new ArrayList<>();
        Set<String> fixes = new LinkedHashSet<>();
        int np = net.populations().size();
        // per target neuron: its incoming synapses and presynaptic (source, neuron) keys
        int[][] fanIn = new int[np][];
        List<List<Set<Long>>> pre = new ArrayList<>();
        for (int p = 0; p < np; p++) {
            fanIn[p] = new int[net.populations().get(p).size()];
            List<Set<Long>> l = new ArrayList<>();
            for (int i = 0; i < fanIn[p].length; i++) {
                l.add(new HashSet<>());
            }
            pre.add(l);
        }
        for (int q = 0; q < net.projections().size(); q++) {
            Projection proj = net.projections().get(q);
            int t = net.populationIndex(proj.target());
            long sourceKey = sourceKey(net, proj.source());
            int tooLong = 0;
            String first = null;
            for (int i = 0; i < proj.sourceSize(); i++) {
                for (int s = proj.rowStart(i); s < proj.rowStart(i) + proj.fanOut(i); s++) {
                    int j = proj.targetOf(s);
                    fanIn[t][j]++;
                    pre.get(t).get(j).add((sourceKey << 32) | i);
                    if (proj.delayOf(s) > FixedPoint.LOIHI_MAX_DELAY) {
                        tooLong++;
                        first = first != null ? first : "synapse " + s + " (" + i + " -> " + j + ") has delay "
                                + proj.delayOf(s) + " steps";
                    }
                }
            }
            if (tooLong > 0) {
                violations.add("projection " + proj.label() + ": " + first + ", beyond Loihi's "
                        + FixedPoint.LOIHI_MAX_DELAY + (tooLong > 1 ? " (and " + (tooLong - 1) + " more synapses)" : ""));
                fixes.add("train --max-delay " + FixedPoint.LOIHI_MAX_DELAY);
            }
        }
        long maxSynapses = LOIHI_SYNAPSE_MEMORY_BITS / LOIHI_SYNAPSE_BITS;
        List<Core> cores = new ArrayList<>();
        // neurons into cores, in population order
        int[][] coreOf = new int[np][];
        List<String> ranges = new ArrayList<>();
        int neurons = 0;
        long synapses = 0;
        Set<Long> axons = new HashSet<>();
        for (int p = 0; p < np; p++) {
            Population pop = net.populations().get(p);
            coreOf[p] = new int[pop.size()];
            int from = 0;
            for (int j = 0; j < pop.size(); j++) {
                Set<Long> in = pre.get(p).get(j);
                if (fanIn[p][j] > maxSynapses) {
                    violations.add("population '" + pop.name() + "': neuron " + j + " has " + fanIn[p][j] + " input"
                            + " synapses, more than a core's synapse memory holds (" + maxSynapses + " of "
                            + LOIHI_SYNAPSE_BITS + " bits)");
                    fixes.add("train --max-fan-in " + Math.min(maxSynapses, LOIHI_INPUT_AXONS));
                }
                if (in.size() > LOIHI_INPUT_AXONS) {
                    violations.add("population '" + pop.name() + "': neuron " + j + " receives from " + in.size()
                            + " neurons, more than a core's " + LOIHI_INPUT_AXONS + " input axons");
                    fixes.add("train --max-fan-in " + LOIHI_INPUT_AXONS);
                }
                Set<Long> union = new HashSet<>(axons);
                union.addAll(in);
                boolean full = neurons + 1 > LOIHI_NEURONS_PER_CORE
                        || (neurons > 0 && (synapses + fanIn[p][j] > maxSynapses || union.size() > LOIHI_INPUT_AXONS));
                if (full) {
                    if (j > from) {
                        ranges.add(pop.name() + "[" + from + ".." + (j - 1) + "]");
                    }
                    cores.add(new Core(cores.size(), ranges, neurons, synapses, synapses * LOIHI_SYNAPSE_BITS,
                            axons.size(), 0));
                    ranges = new ArrayList<>();
                    neurons = 0;
                    synapses = 0;
                    axons = new HashSet<>();
                    union = new HashSet<>(in);
                    from = j;
                }
                neurons++;
                synapses += fanIn[p][j];
                axons = union;
                coreOf[p][j] = cores.size();
            }
            if (pop.size() > from) {
                ranges.add(pop.name() + "[" + from + ".." + (pop.size() - 1) + "]");
            }
        }
        if (neurons > 0) {
            cores.add(new Core(cores.size(), ranges, neurons, synapses, synapses * LOIHI_SYNAPSE_BITS, axons.size(), 0));
        }
        // output axons: a neuron sends one axon to each core that holds one of its targets
        long[] out = new long[cores.size()];
        for (int p = 0; p < np; p++) {
            Population pop = net.populations().get(p);
            for (int i = 0; i < pop.size(); i++) {
                Set<Integer> targetCores = new HashSet<>();
                for (Projection proj : net.projections()) {
                    if (proj.source().equals(pop.name())) {
                        int t = net.populationIndex(proj.target());
                        for (int s = proj.rowStart(i); s < proj.rowStart(i) + proj.fanOut(i); s++) {
                            targetCores.add(coreOf[t][proj.targetOf(s)]);
                        }
                    }
                }
                out[coreOf[p][i]] += targetCores.size();
            }
        }
        List<Core> withOut = new ArrayList<>();
        for (Core c : cores) {
            withOut.add(new Core(c.index(), c.ranges(), c.neurons(), c.synapses(), c.synapseBits(), c.inputAxons(),
                    (int) out[c.index()]));
            if (out[c.index()] > LOIHI_OUTPUT_AXONS) {
                violations.add("core " + c.index() + " (" + String.join(", ", c.ranges()) + "): " + out[c.index()]
                        + " output axons, more than Loihi's " + LOIHI_OUTPUT_AXONS);
                fixes.add("train --max-fan-in (fewer targets per neuron) or smaller layers");
            }
        }
        int chips = (withOut.size() + LOIHI_CORES_PER_CHIP - 1) / LOIHI_CORES_PER_CHIP;
        return new ChipMap(FixedPoint.Chip.LOIHI, withOut, chips, violations, new ArrayList<>(fixes));
    }

    private static long sourceKey(Network net, String name) {
        int p = net.populationIndex(name);
        return p >= 0 ? p : net.populations().size() + net.sourceIndex(name);
    }

    private static ChipMap xylo(Network net) {
        List<String> violations = new ArrayList<>();
        Set<String> fixes = new LinkedHashSet<>();
        int inputs = 0;
        for (org.snn4j.model.SpikeSource s : net.sources()) {
            inputs += s.size();
        }
        if (inputs > XYLO_INPUTS) {
            violations.add("sources: " + inputs + " input channels, more than Xylo's " + XYLO_INPUTS);
            fixes.add("fewer input channels (bin or pool the input to " + XYLO_INPUTS + ")");
        }
        Set<String> feeding = new HashSet<>();
        for (Projection p : net.projections()) {
            if (net.populationIndex(p.source()) >= 0 && !p.source().equals(p.target())) {
                feeding.add(p.source());
            }
        }
        int hidden = 0;
        int readout = 0;
        List<String> ranges = new ArrayList<>();
        long synapses = 0;
        for (Population p : net.populations()) {
            if (feeding.contains(p.name())) {
                hidden += p.size();
            } else {
                readout += p.size();
            }
            ranges.add(p.name() + "[0.." + (p.size() - 1) + "]");
        }
        for (Projection p : net.projections()) {
            synapses += p.synapseCount();
        }
        if (hidden > XYLO_HIDDEN) {
            violations.add("hidden populations: " + hidden + " neurons, more than Xylo's " + XYLO_HIDDEN);
            fixes.add("train --hidden with at most " + XYLO_HIDDEN + " neurons in all");
        }
        if (readout > XYLO_READOUT) {
            violations.add("readout populations: " + readout + " neurons, more than Xylo's " + XYLO_READOUT);
            fixes.add("at most " + XYLO_READOUT + " output classes");
        }
        List<Core> cores = List.of(new Core(0, ranges, hidden + readout, synapses, synapses * 8, inputs, 0));
        return new ChipMap(FixedPoint.Chip.XYLO, new ArrayList<>(cores), 1, violations, new ArrayList<>(fixes));
    }
}
