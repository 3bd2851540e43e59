package org.snn4j.hardware;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.snn4j.model.AnalogInput;
import org.snn4j.model.CubaLif;
import org.snn4j.model.LifPropagators;
import org.snn4j.model.Network;
import org.snn4j.model.Population;
import org.snn4j.model.Projection;
import org.snn4j.model.ResetMode;

/**
 * A network's float parameters converted once to a chip's integers ({@link Chip#LOIHI}: {@link LoihiLif};
 * {@link Chip#XYLO}: {@link XyloLif}), with a report of every choice and every loss.
 *
 * <p>Voltages are measured from V_leak (both chips decay toward 0) in units of {@code scale} per volt,
 * chosen per population so that the threshold is a fixed integer (Loihi: {@code vth = 2^14}, the
 * threshold 2^14 &lt;&lt; 6 = 2^20, 8 times below the 24-bit limit, which leaves a_in's 64 units fine enough
 * for filtered synapses; Xylo: {@code v_th = 4096}, 8 times
 * below int16's). A synaptic weight w (a jump of the current, or of V for a delta synapse) becomes the
 * integer its contribution to V takes: {@code w psc scale / 64} for Loihi (the input is shifted by 6 and
 * the current added to V whole each step) and {@code w psc / alpha scale} for Xylo (the current is
 * decayed before it is added). Each projection's integers are then a mantissa and an exponent chosen
 * from the weight range: for Loihi the smallest weight_exp in -8..7 with every mantissa in [-256, 255]
 * (Lava's mixed-sign 8-bit range; the dense layer sums mantissas, then shifts by weight_exp, as
 * {@code PyDenseModelBitAcc}); for Xylo the smallest weight shift in 0..7 with int8 mantissas
 * (XyloSim shifts each weight left). Decays: Loihi {@code du = round(4096 (1 - alpha)) - 1} and
 * {@code dv = round(4096 (1 - beta))} from the float propagators; Xylo {@code dash = round(log2(tau /
 * dt))}. What the chip computes differently (resets, refractory periods, delays it cannot hold) is a
 * report line, not a silent change; what it cannot hold at all is an error naming the population or
 * projection and the value.
 */
public final class FixedPoint {
    /** The chips. */
    public enum Chip {
        LOIHI, XYLO
    }

    /** Loihi's axonal delay limit (the 62 steps; Loihi 1's 6-bit delay field less its reserved codes). */
    public static final int LOIHI_MAX_DELAY = 62;
    static final int LOIHI_VTH = 1 << 14;
    static final int XYLO_VTH = 4096;

    /** One population's integer parameters. */
    public static final class Neurons {
        public final String name;
        public final int n;
        /** Loihi: du, dv; Xylo: dash_syn, dash_mem. */
        public final int decaySyn;
        public final int decayMem;
        /** Loihi: vth (shifted by 6 when compared); Xylo: v_th. */
        public final int threshold;
        /** Loihi: the bias per neuron (mant << exp already applied); Xylo: none (zeros). */
        public final int[] bias;
        public final int[] initialV;
        /** Xylo: the spikes a neuron may emit in one step (31 hidden, 1 readout); Loihi: 1. */
        public final int maxSpikes;
        /** Integer units per volt, V measured from V_leak. */
        public final double scale;
        /** Loihi: steps v stays 0 after a spike (its refractDelay); Xylo: 0. */
        public final int refractorySteps;

        Neurons(String name, int n, int decaySyn, int decayMem, int threshold, int[] bias, int[] initialV,
                int maxSpikes, double scale, int refractorySteps) {
            this.refractorySteps = refractorySteps;
            this.name = name;
            this.n = n;
            this.decaySyn = decaySyn;
            this.decayMem = decayMem;
            this.threshold = threshold;
            this.bias = bias;
            this.initialV = initialV;
            this.maxSpikes = maxSpikes;
            this.scale = scale;
        }
    }

    /** One projection's integer synapses, in the network's CSR order. */
    public static final class Synapses {
        public final String label;
        public final int source;
        public final boolean fromSource;
        public final int target;
        /** The mantissas (Loihi: 9-bit signed; Xylo: int8). */
        public final int[] mantissa;
        /** Loihi: weight_exp (the dense sum shifted by it); Xylo: the weight shift (each weight shifted left). */
        public final int exponent;
        /** Arrival delay in steps as the chip delivers (Loihi: 1..62; Xylo: 0 from an input, 1 otherwise). */
        public final int[] delay;
        public final int clipped;
        public final double relativeError;

        Synapses(String label, int source, boolean fromSource, int target, int[] mantissa, int exponent, int[] delay,
                int clipped, double relativeError) {
            this.label = label;
            this.source = source;
            this.fromSource = fromSource;
            this.target = target;
            this.mantissa = mantissa;
            this.exponent = exponent;
            this.delay = delay;
            this.clipped = clipped;
            this.relativeError = relativeError;
        }
    }

    public final Chip chip;
    public final List<Neurons> neurons;
    public final List<Synapses> synapses;
    /** One line per choice that changes what is computed (and per clipped weight set). */
    public final List<String> report;
    public final int maxDelay;

    private FixedPoint(Chip chip, List<Neurons> neurons, List<Synapses> synapses, List<String> report, int maxDelay) {
        this.chip = chip;
        this.neurons = Collections.unmodifiableList(neurons);
        this.synapses = Collections.unmodifiableList(synapses);
        this.report = Collections.unmodifiableList(report);
        this.maxDelay = maxDelay;
    }

    /**
     * The last conversion, by the identity of what it read: an evaluation runs one network per sample
     * with only its input source replaced ({@link Network#withSource} keeps the other parts), and the
     * conversion depends on populations, projections and analog inputs alone.
     */
    private record Key(List<?> populations, List<?> projections, List<?> analog, double dt, Chip chip) {
        boolean same(Network net, double dtSeconds, Chip c) {
            return dt == dtSeconds && chip == c && identical(populations, net.populations())
                    && identical(projections, net.projections()) && identical(analog, net.analogInputs());
        }

        private static boolean identical(List<?> a, List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) != b.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static volatile Object[] last;

    /** Converts a network at step dt for a chip; errors name the population or projection and the value. */
    public static FixedPoint convert(Network net, double dtSeconds, Chip chip) {
        Object[] cached = last;
        if (cached != null && ((Key) cached[0]).same(net, dtSeconds, chip)) {
            return (FixedPoint) cached[1];
        }
        FixedPoint f = convertAnew(net, dtSeconds, chip);
        last = new Object[] {new Key(List.copyOf(net.populations()), List.copyOf(net.projections()),
                List.copyOf(net.analogInputs()), dtSeconds, chip), f};
        return f;
    }

    private static FixedPoint convertAnew(Network net, double dtSeconds, Chip chip) {
        List<String> report = new ArrayList<>();
        List<Neurons> pops = new ArrayList<>();
        boolean[] feeds = new boolean[net.populations().size()];
        for (Projection p : net.projections()) {
            int s = net.populationIndex(p.source());
            if (s >= 0 && !p.source().equals(p.target())) {
                feeds[s] = true;
            }
        }
        // per population, the V (in volts) a unit weight adds by the chip's own order of operations (Loihi adds
        // the current to V whole each step; Xylo decays it first), and the largest weight into it so measured
        int np = net.populations().size();
        double[] gain = new double[np];
        for (int i = 0; i < np; i++) {
            LifPropagators prop = new LifPropagators(net.populations().get(i).model(), dtSeconds);
            gain[i] = chip == Chip.LOIHI ? prop.psc(0) : prop.psc(0) / (prop.alpha(0) == 0 ? 1 : prop.alpha(0));
        }
        double[] largest = new double[np];
        for (Projection p : net.projections()) {
            int t = net.populationIndex(p.target());
            for (float w : p.weightArray()) {
                largest[t] = Math.max(largest[t], Math.abs(w) * gain[t]);
            }
        }
        double[] pscScale = new double[np];
        for (int i = 0; i < np; i++) {
            Population p = net.populations().get(i);
            pops.add(chip == Chip.LOIHI ? loihi(net, p, dtSeconds, largest[i], report)
                    : xylo(net, p, dtSeconds, !feeds[i], largest[i], report));
            // integer units of the input a unit of the float weight is (Loihi's input is shifted by 6)
            pscScale[i] = gain[i] * pops.get(i).scale / (chip == Chip.LOIHI ? 1 << LoihiLif.ACT_SHIFT : 1);
        }
        List<Synapses> syn = new ArrayList<>();
        int maxDelay = 1;
        for (Projection p : net.projections()) {
            int t = net.populationIndex(p.target());
            boolean fromSource = net.populationIndex(p.source()) < 0;
            int s = fromSource ? net.sourceIndex(p.source()) : net.populationIndex(p.source());
            if (p.port() != 0) {
                throw new IllegalArgumentException("projection " + p.label() + ": port " + p.port() + "; the "
                        + name(chip) + " neuron has one synaptic input");
            }
            Synapses q = synapses(p, s, fromSource, t, pscScale[t], chip, report);
            for (int d : q.delay) {
                maxDelay = Math.max(maxDelay, d);
            }
            syn.add(q);
        }
        return new FixedPoint(chip, pops, syn, report, maxDelay);
    }

    private static String name(Chip chip) {
        return chip == Chip.LOIHI ? "Loihi" : "Xylo";
    }

    /** The part of the model both chips share: V from V_leak, no refractoriness, one port. */
    private static void common(Population p, Chip chip, List<String> report) {
        CubaLif m = p.model();
        String who = "population '" + p.name() + "'";
        if (m.ports() != 1) {
            throw new IllegalArgumentException(who + ": " + m.ports() + " synaptic ports; the " + name(chip)
                    + " neuron has one");
        }
        if (m.tauMemSeconds() == Double.POSITIVE_INFINITY) {
            report.add(who + ": a perfect integrator; " + name(chip) + "'s slowest membrane decay stands in");
        }
        if (!(m.vThreshold() > m.vLeak())) {
            throw new IllegalArgumentException(who + ": v_threshold " + m.vThreshold() + " not above v_leak " + m.vLeak()
                    + "; " + name(chip) + "'s V decays to 0 and fires above a positive threshold");
        }
        if (m.refractorySeconds() > 0 && chip == Chip.XYLO) {
            report.add(who + ": refractory period " + m.refractorySeconds() + " s dropped (Xylo's neuron has none)");
        }
    }

    /**
     * The integer threshold: the preferred one, or less where the largest incoming weight (in volts)
     * would need more than the largest mantissa times the largest exponent ({@code maxWeight} integer
     * units) at that scale; at least 1.
     */
    private static int threshold(int preferred, double theta, double largest, double maxWeight,
            String who, List<String> report) {
        int th = preferred;
        if (largest > 0) {
            double fit = Math.floor(maxWeight * theta / largest); // an integer weight is largest * th / theta
            if (fit < th) {
                th = (int) Math.max(1, fit);
                report.add(who + ": threshold " + th + " instead of " + preferred + " so that its largest weight fits"
                        + " the chip's weight range");
            }
        }
        return th;
    }

    private static Neurons loihi(Network net, Population p, double dt, double largest, List<String> report) {
        common(p, Chip.LOIHI, report);
        CubaLif m = p.model();
        String who = "population '" + p.name() + "'";
        LifPropagators prop = new LifPropagators(m, dt);
        int du = (int) Math.round(LoihiLif.DECAY_UNITY * (1 - prop.alpha(0))) - 1;
        int dv = (int) Math.round(LoihiLif.DECAY_UNITY * (1 - prop.beta));
        du = Math.max(0, Math.min(4095, du));
        dv = Math.max(0, Math.min(4095, dv));
        double theta = m.vThreshold() - m.vLeak();
        // a weight of `largest` volts is largest * scale / 64 units of a_in; at most 255 << 7
        int vth = threshold(LOIHI_VTH, theta, largest, 255.0 * 128, who, report);
        double scale = (double) (vth << LoihiLif.VTH_SHIFT) / theta;
        if (m.resetMode() == ResetMode.SUBTRACT || m.vReset() != m.vLeak()) {
            report.add(who + ": reset " + (m.resetMode() == ResetMode.SUBTRACT ? "by subtraction" : "to " + m.vReset())
                    + " becomes Loihi's reset to 0 (= v_leak)");
        }
        // the constant drive per step: the leak toward V_inf, and constant analog inputs
        double[] drive = new double[p.size()];
        java.util.Arrays.fill(drive, prop.restDrive - (1 - prop.beta) * m.vLeak());
        analog(net, p, prop, drive, report);
        int[] bias = new int[p.size()];
        for (int i = 0; i < bias.length; i++) {
            double b = drive[i] * scale;
            int exp = 0;
            while (Math.abs(Math.round(b / (1 << exp))) > 4095 && exp < 7) {
                exp++;
            }
            long mant = Math.round(b / (1 << exp));
            if (mant > 4095 || mant < -4096) {
                throw new IllegalArgumentException(who + ": bias " + b + " (integer units) beyond Loihi's 13-bit mantissa"
                        + " shifted by 7");
            }
            bias[i] = LoihiLif.bias((int) mant, exp);
        }
        int refractory = prop.refractorySteps;
        if (refractory > 0) {
            report.add(who + ": refractory period of " + refractory + " steps as Loihi's refractDelay (Lava's"
                    + " bit-accurate LIF has none)");
        }
        return new Neurons(p.name(), p.size(), du, dv, vth, bias, initial(p, scale, LoihiLif.MAX_UV - 1), 1, scale,
                refractory);
    }

    private static Neurons xylo(Network net, Population p, double dt, boolean readout, double largest,
            List<String> report) {
        common(p, Chip.XYLO, report);
        CubaLif m = p.model();
        String who = "population '" + p.name() + "'";
        if (m.tauSynSeconds(0) == 0) {
            throw new IllegalArgumentException(who + ": a delta synapse (tau_syn 0); Xylo's synaptic current is decayed"
                    + " before it reaches V (give tau_syn >= 2 dt)");
        }
        int dashSyn = XyloLif.dash(m.tauSynSeconds(0), dt);
        int dashMem = m.tauMemSeconds() == Double.POSITIVE_INFINITY ? 15 : XyloLif.dash(m.tauMemSeconds(), dt);
        if (dashSyn > 15 || dashMem > 15) {
            throw new IllegalArgumentException(who + ": dash " + Math.max(dashSyn, dashMem) + " beyond Xylo's 4 bits"
                    + " (tau / dt up to 2^15)");
        }
        double theta = m.vThreshold() - m.vLeak();
        // a weight of `largest` volts is largest * scale units of isyn; at most 127 << 7
        int vth = threshold(XYLO_VTH, theta, largest, 127.0 * 128, who, report);
        double scale = vth / theta;
        if (m.resetMode() != ResetMode.SUBTRACT || m.vReset() != m.vLeak()) {
            report.add(who + ": reset to " + m.vReset() + " becomes Xylo's subtraction of the threshold");
        }
        double[] drive = new double[p.size()];
        LifPropagators prop = new LifPropagators(m, dt);
        java.util.Arrays.fill(drive, prop.restDrive - (1 - prop.beta) * m.vLeak());
        analog(net, p, prop, drive, report);
        for (double d : drive) {
            if (Math.abs(d * scale) >= 0.5) {
                throw new IllegalArgumentException(who + ": a bias (V_leak above 0 or a constant input) of " + d
                        + " V a step; Xylo's neurons have none");
            }
        }
        report.add(who + ": dash_syn " + dashSyn + " (a decay of 1 - 2^-" + dashSyn + " a step: tau_syn "
                + (float) bitShiftTau(dashSyn, dt) + " s for " + m.tauSynSeconds(0) + "), dash_mem " + dashMem
                + " (tau_mem " + (float) bitShiftTau(dashMem, dt) + " s for " + m.tauMemSeconds() + "), up to "
                + (readout ? 1 : 31) + " spikes a step");
        return new Neurons(p.name(), p.size(), dashSyn, dashMem, vth, new int[p.size()],
                initial(p, scale, Short.MAX_VALUE), readout ? XyloLif.MAX_SPIKES_READOUT : XyloLif.MAX_SPIKES_HIDDEN,
                scale, 0);
    }

    /** The time constant whose decay per step is Xylo's 1 - 2^-dash (0 for dash 0: the state is cleared). */
    static double bitShiftTau(int dash, double dt) {
        return dash == 0 ? 0 : -dt / Math.log1p(-Math.pow(2, -dash));
    }

    /** Adds the constant analog inputs into p to its drive per step; a time-varying one is an error. */
    private static void analog(Network net, Population p, LifPropagators prop, double[] drive, List<String> report) {
        for (AnalogInput a : net.analogInputs()) {
            if (!a.target().equals(p.name())) {
                continue;
            }
            for (int j = 1; j < a.length(); j++) {
                if (Double.compare(a.value(j), a.value(0)) != 0) {
                    throw new IllegalArgumentException("analog input into '" + p.name() + "': it varies in time; the"
                            + " chips take constant biases only");
                }
            }
            if ((long) a.length() * a.stepsPerValue() < Integer.MAX_VALUE) {
                report.add("analog input into '" + p.name() + "': held for the whole run (the chip's bias does not end)");
            }
            for (int i = 0; i < drive.length; i++) {
                drive[i] += prop.currentGain * a.weight(i) * (a.length() == 0 ? 0 : a.value(0));
            }
        }
    }

    private static int[] initial(Population p, double scale, int limit) {
        int[] v = new int[p.size()];
        for (int i = 0; i < v.length; i++) {
            long x = Math.round((p.initialV(i) - p.model().vLeak()) * scale);
            v[i] = (int) Math.max(-limit, Math.min(limit, x));
        }
        return v;
    }

    private static Synapses synapses(Projection p, int source, boolean fromSource, int target, double unit, Chip chip,
            List<String> report) {
        int n = p.synapseCount();
        double[] w = new double[n];
        double max = 0;
        for (int s = 0; s < n; s++) {
            w[s] = p.weightOf(s) * unit;
            max = Math.max(max, Math.abs(w[s]));
        }
        int lo = chip == Chip.LOIHI ? -256 : -128;
        int hi = chip == Chip.LOIHI ? 255 : 127;
        int minExp = chip == Chip.LOIHI ? -8 : 0;
        int maxExp = 7;
        int exp = minExp;
        while (exp < maxExp && max / Math.pow(2, exp) > hi + 0.5) {
            exp++;
        }
        int[] mant = new int[n];
        int clipped = 0;
        double err = 0;
        double norm = 0;
        for (int s = 0; s < n; s++) {
            long m = Math.round(w[s] / Math.pow(2, exp));
            if (m > hi || m < lo) {
                clipped++;
                m = Math.max(lo, Math.min(hi, m));
            }
            mant[s] = (int) m;
            double back = m * Math.pow(2, exp);
            err += (back - w[s]) * (back - w[s]);
            norm += w[s] * w[s];
        }
        if (clipped > 0) {
            report.add("projection " + p.label() + ": " + clipped + " weights clipped to " + name(chip) + "'s ["
                    + lo + ", " + hi + "] << " + exp + " (the largest is " + (float) max + " integer units)");
        }
        int[] delay = new int[n];
        int changed = 0;
        for (int s = 0; s < n; s++) {
            int d = p.delayOf(s);
            int chipDelay;
            if (chip == Chip.LOIHI) {
                if (d > LOIHI_MAX_DELAY) {
                    throw new IllegalArgumentException("projection " + p.label() + ": delay " + d + " steps beyond Loihi's"
                            + " " + LOIHI_MAX_DELAY);
                }
                chipDelay = Math.max(1, d);
            } else {
                chipDelay = fromSource ? 0 : 1;
            }
            changed += chipDelay != d ? 1 : 0;
            delay[s] = chipDelay;
        }
        if (changed > 0) {
            report.add("projection " + p.label() + ": " + changed + " synapses delivered after " + (chip == Chip.LOIHI
                    ? "1 step (Loihi's dense layer has one step of latency)" : (fromSource ? "0 steps (Xylo's inputs"
                    + " arrive in their step)" : "1 step (Xylo delivers its neurons' spikes at the next step)"))
                    + " instead of their delay");
        }
        double rel = norm == 0 ? 0 : Math.sqrt(err / norm);
        report.add("projection " + p.label() + ": " + (chip == Chip.LOIHI ? "weight_exp " : "weight shift ") + exp
                + ", relative weight error " + (float) rel);
        return new Synapses(p.label(), source, fromSource, target, mant, exp, delay, clipped, rel);
    }
}
