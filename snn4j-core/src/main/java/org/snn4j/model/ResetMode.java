package org.snn4j.model;

/** What happens to the membrane potential when a neuron spikes. */
public enum ResetMode {
    /** V is set to V_reset (NEST {@code iaf_psc_exp}, Brian2 {@code reset='v = Vr'}). */
    TO_VALUE,
    /** V is lowered by (V_th - V_reset), keeping the overshoot (snnTorch {@code reset_mechanism="subtract"}). */
    SUBTRACT
}
