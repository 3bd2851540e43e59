package org.snn4j.model;

/**
 * How {@link CubaLif}'s differential equations become a step of length dt ({@link LifPropagators}).
 * Both are linear recurrences of the same form, so every engine, catch-up and the trainer run either.
 */
public enum Discretisation {
    /**
     * The exact propagators (Rotter &amp; Diesmann 1999): decays exp(-dt/tau), and the current's
     * contribution to V integrated over the step. A spike is an impulse: it moves the state at once.
     */
    EXACT,
    /**
     * Forward Euler, the update of snnTorch, Norse, Spyx and Sinabs: decays 1 - dt/tau, and V driven by
     * the current at the start of the step, {@code V' = V + dt/tau_mem (V_leak - V + R I)}. It needs
     * dt &lt;= every time constant.
     */
    EULER
}
