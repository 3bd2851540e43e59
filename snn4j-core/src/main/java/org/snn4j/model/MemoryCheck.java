package org.snn4j.model;

/**
 * Refuses work that cannot fit in the JVM's heap before allocating it, with the estimate, the limit
 * and how to raise it, instead of an out-of-memory error after minutes.
 */
public final class MemoryCheck {
    /** Bytes a neuron takes, specification and engine state together (initial V, V, currents, ring, spikes). */
    public static final double BYTES_PER_NEURON = 64;
    /** Bytes a synapse takes at the peak of building it (pairs, weights, delays, the CSR and the engine's copy). */
    public static final double BYTES_PER_SYNAPSE = 40;

    private MemoryCheck() {
    }

    /**
     * Fails when {@code bytes} exceed the heap the JVM may use.
     *
     * @param what what needs the memory ("a network of 2000000000 neurons")
     */
    public static void require(String what, double bytes) {
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new IllegalArgumentException(what + " needs about " + mib(bytes) + " of memory, more than the "
                    + mib(heap) + " this JVM may use; raise the limit with SNN4J_JAVA_OPTS=-Xmx<size> (the machine"
                    + " permitting) or make the network smaller");
        }
    }

    private static String mib(double bytes) {
        return bytes >= 1L << 40 ? String.format(java.util.Locale.ROOT, "%.3g TiB", bytes / (1L << 40))
                : String.format(java.util.Locale.ROOT, "%.0f MiB", bytes / (1 << 20));
    }
}
