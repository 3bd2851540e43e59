package org.snn4j.io;

import org.snn4j.model.Network;

/**
 * A network file as read by {@link NetworkFiles#read}: the network, its time step, the population
 * whose spikes decide (its {@code "output"} field, or null), and the seed it was built from.
 */
public record NetworkFile(Network network, double dtSeconds, String output, long seed) {
}
