package org.snn4j.data;

/**
 * Spike encoders for images. Each sample draws from its own counter-based stream (SplitMix64 of the
 * seed, epoch and sample index), so encodings do not depend on thread count or order and nothing is
 * allocated per sample.
 */
public final class Encoders {
    private Encoders() {
    }

    /**
     * Rate (Bernoulli) coding, as snnTorch's {@code spikegen.rate}: at each of T steps pixel p spikes
     * with probability pixel / 255.
     */
    public static void rate(ImageSet set, int i, int steps, long seed, long epoch, SpikeRaster out) {
        int pixels = set.pixels();
        long state = mix(mix(seed) ^ mix(epoch + 0x9E3779B97F4A7C15L) ^ (i * 0xD1B54A32D192ED03L));
        out.clear(steps);
        for (int t = 0; t < steps; t++) {
            for (int p = 0; p < pixels; p++) {
                int x = set.pixel(i, p);
                if (x == 0) {
                    continue;
                }
                state += 0x9E3779B97F4A7C15L;
                // 24 random bits against the probability x / 255, exactly: u < x * 2^24 / 255
                int u = (int) (mix(state) >>> 40);
                if ((long) u * 255 < ((long) x << 24)) {
                    out.add(p);
                }
            }
            out.endStep(t);
        }
    }

    /**
     * Latency coding: one spike per pixel brighter than {@code threshold} (in [0, 1]), at step
     * round((1 - x) (T - 1)): the brightest pixels fire first.
     */
    public static void latency(ImageSet set, int i, int steps, double threshold, SpikeRaster out) {
        int pixels = set.pixels();
        out.clear(steps);
        for (int t = 0; t < steps; t++) {
            for (int p = 0; p < pixels; p++) {
                double x = set.pixel(i, p) / 255.0;
                if (x > threshold && (int) Math.round((1 - x) * (steps - 1)) == t) {
                    out.add(p);
                }
            }
            out.endStep(t);
        }
    }

    /** SplitMix64's finalizer. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
