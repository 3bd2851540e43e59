package org.snn4j.engine;

import org.snn4j.model.Check;
import org.snn4j.registry.Registry;

/**
 * Energy per operation of a hardware target, so that a run's {@link Cost} becomes an energy estimate:
 * E = SynOps x perSynOp + neuron updates x perNeuronUpdate + spikes x perSpike (joules). An estimate
 * of the dominant dynamic terms only (no static power, memory traffic or routing distance).
 *
 * @param source where the figures come from (shown with every estimate)
 */
public record EnergyProfile(String name, double joulesPerSynOp, double joulesPerNeuronUpdate, double joulesPerSpike,
        String source) {

    /**
     * Intel Loihi (14 nm), the per-event energies of SANA-FE's Loihi architecture file
     * (SLAM-Lab/SANA-FE, arch/loihi.yaml), which states that its numbers were taken from Davies et
     * al., "Loihi: A Neuromorphic Manycore Processor with On-Chip Learning", IEEE Micro 38(1), 2018:
     * synaptic spike 35.5 pJ, active neuron update 72.8 pJ, spike sent out of a core 76.8 pJ.
     */
    public static final EnergyProfile LOIHI = new EnergyProfile("loihi", 35.5e-12, 72.8e-12, 76.8e-12,
            "SANA-FE arch/loihi.yaml, from Davies et al., IEEE Micro 38(1), 2018");

    /**
     * A 45 nm digital processor from Horowitz, "Computing's energy problem (and what we can do about
     * it)", ISSCC 2014: a SynOp is one 32-bit float add (0.9 pJ); a CUBA-LIF update with two ports is
     * taken as 3 multiplies and 3 adds (3 x 3.7 + 3 x 0.9 = 13.8 pJ; our count of LifStep's operations);
     * a spike costs nothing beyond its SynOps. Arithmetic only: memory access is excluded.
     */
    public static final EnergyProfile CPU_45NM = new EnergyProfile("cpu-45nm", 0.9e-12, 13.8e-12, 0,
            "Horowitz, ISSCC 2014 (45 nm: FP32 add 0.9 pJ, multiply 3.7 pJ)");

    public EnergyProfile {
        Check.name("energy profile name", name);
        Check.nonNegative("joulesPerSynOp", joulesPerSynOp);
        Check.nonNegative("joulesPerNeuronUpdate", joulesPerNeuronUpdate);
        Check.nonNegative("joulesPerSpike", joulesPerSpike);
        Check.notNull("source", source);
    }

    /** A profile of your own (joules per operation). */
    public static EnergyProfile custom(double joulesPerSynOp, double joulesPerNeuronUpdate, double joulesPerSpike) {
        return new EnergyProfile("custom", joulesPerSynOp, joulesPerNeuronUpdate, joulesPerSpike, "given by the user");
    }

    /** The published profiles by name. */
    public static final Registry<EnergyProfile> BY_NAME = Registry.<EnergyProfile>of("energy profile")
            .add("loihi", LOIHI).add("cpu-45nm", CPU_45NM).build();

    /** What {@link #parse} accepts, for help texts. */
    public static final String SYNTAX = "loihi, cpu-45nm or custom:SYNOP_J,UPDATE_J,SPIKE_J";

    /** The published profile with this name (loihi, cpu-45nm). */
    public static EnergyProfile named(String name) {
        return BY_NAME.get(name);
    }

    /**
     * A published profile by name, or one of your own as {@code custom:SYNOP_J,UPDATE_J,SPIKE_J}
     * (joules per SynOp, per neuron update and per spike, each finite and >= 0).
     */
    public static EnergyProfile parse(String text) {
        if (text.startsWith("custom:")) {
            String[] v = text.substring(7).split(",", -1);
            try {
                if (v.length == 3) {
                    return custom(Double.parseDouble(v[0]), Double.parseDouble(v[1]), Double.parseDouble(v[2]));
                }
            } catch (IllegalArgumentException e) { // also NumberFormatException
                // reported below
            }
            throw new IllegalArgumentException("energy profile '" + text + "': expected custom:SYNOP_J,UPDATE_J,SPIKE_J"
                    + " with three finite joule figures >= 0, for example custom:1e-12,1e-11,0");
        }
        if (!BY_NAME.contains(text)) {
            throw new IllegalArgumentException("energy profile '" + text + "': expected " + SYNTAX);
        }
        return BY_NAME.get(text);
    }

    /** The energy estimate of a run, joules. */
    public double joules(Cost cost) {
        return cost.synOps() * joulesPerSynOp + cost.neuronUpdates() * joulesPerNeuronUpdate
                + (cost.spikes() + cost.sourceSpikes()) * joulesPerSpike;
    }
}
