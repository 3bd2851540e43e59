package org.snn4j.engine;

/**
 * Whether the incubating Vector API (jdk.incubator.vector) is in this JVM's boot layer. The SIMD
 * kernel is loaded only then, so the library still runs, on the scalar kernel, for users who do not
 * pass {@code --add-modules jdk.incubator.vector}.
 */
final class VectorSupport {
    static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("snn4j.scalar");

    private VectorSupport() {
    }

    static LifKernel kernel() {
        return VectorLifKernel.INSTANCE;
    }
}
