package org.snn4j.engine;

import org.snn4j.model.Check;

/** A recordable state variable: the membrane potential, or the synaptic current of one port. */
public record StateVariable(String name, int port) {
    /** Membrane potential, volts. */
    public static final StateVariable V = new StateVariable("v", -1);

    /** Synaptic current of a port (after this step's arrivals and decay). */
    public static StateVariable current(int port) {
        return new StateVariable("I" + Check.nonNegative("port", port), port);
    }
}
