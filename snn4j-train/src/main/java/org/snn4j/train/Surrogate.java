package org.snn4j.train;

import org.snn4j.registry.Registry;

/**
 * The spike function's stand-in derivative for backpropagation. {@link #fastSigmoid} and
 * {@link #arctan} keep the forward pass a Heaviside step (binary spikes, exactly the engines'
 * threshold); {@link #smooth} replaces the step itself by a logistic function in both passes, so
 * that the whole computation is differentiable and gradients can be checked by finite differences.
 */
public record Surrogate(Kind kind, double scale) {
    public enum Kind {
        FAST_SIGMOID, ARCTAN, SMOOTH
    }

    public Surrogate {
        if (kind == null) {
            throw new IllegalArgumentException("surrogate kind: null");
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("surrogate scale " + scale + ": must be a positive number");
        }
    }

    /** snnTorch's fast sigmoid: d/du = 1 / (slope |u| + 1)^2 (snnTorch default slope 25). */
    public static Surrogate fastSigmoid(double slope) {
        return new Surrogate(Kind.FAST_SIGMOID, slope);
    }

    /** snnTorch's arctan: d/du = (alpha / 2) / (1 + (pi/2 alpha u)^2) (snnTorch default alpha 2). */
    public static Surrogate arctan(double alpha) {
        return new Surrogate(Kind.ARCTAN, alpha);
    }

    /** A logistic spike 1 / (1 + exp(-k u)) in the forward pass too (for gradient checks). */
    public static Surrogate smooth(double k) {
        return new Surrogate(Kind.SMOOTH, k);
    }

    /** The surrogates by name, each with its default scale. */
    public static final Registry<Surrogate> BY_NAME = Registry.<Surrogate>of("surrogate")
            .add("fast-sigmoid", fastSigmoid(25)).add("arctan", arctan(2)).add("smooth", smooth(5)).build();

    /** Parses "fast-sigmoid:25", "arctan:2", "smooth:5" (a name of {@link #BY_NAME}; the scale may be left out). */
    public static Surrogate parse(String text) {
        String[] parts = text.split(":", 2);
        if (!BY_NAME.contains(parts[0])) {
            throw new IllegalArgumentException("surrogate '" + text + "': unknown, expected "
                    + BY_NAME.listing() + " (with :scale or not)");
        }
        Surrogate named = BY_NAME.get(parts[0]);
        if (parts.length == 1) {
            return named;
        }
        try {
            return new Surrogate(named.kind, Double.parseDouble(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("surrogate '" + text + "': the scale is not a number");
        }
    }

    public boolean isSmooth() {
        return kind == Kind.SMOOTH;
    }

    /** The smooth spike value at u = V - V_th (only for {@link Kind#SMOOTH}). */
    float spike(float u) {
        return (float) (1 / (1 + Math.exp(-scale * u)));
    }

    /** The derivative used for the spike at u = V - V_th. */
    float grad(float u) {
        switch (kind) {
            case FAST_SIGMOID: {
                float d = (float) scale * Math.abs(u) + 1f;
                return 1f / (d * d);
            }
            case ARCTAN: {
                float z = (float) (Math.PI / 2 * scale) * u;
                return (float) (scale / 2) / (1f + z * z);
            }
            default: {
                // k e / (1 + e)^2 with e = exp(-k u), in double: s (1 - s) in float cancels near s = 1
                double e = Math.exp(-scale * u);
                return Double.isInfinite(e) ? 0f : (float) (scale * e / ((1 + e) * (1 + e)));
            }
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FAST_SIGMOID -> "fast-sigmoid:" + scale;
            case ARCTAN -> "arctan:" + scale;
            case SMOOTH -> "smooth:" + scale;
        };
    }
}
