package org.snn4j.model;

/**
 * Argument checks shared by the specification classes. Every failure names the field, the value
 * and what was expected, so that a user can fix the input without reading our code.
 */
public final class Check {
    private Check() {
    }

    public static double positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " " + value + ": must be a finite number > 0");
        }
        return value;
    }

    public static double nonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " " + value + ": must be a finite number >= 0");
        }
        return value;
    }

    public static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " " + value + ": must be a finite number");
        }
        return value;
    }

    public static double probability(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(field + " " + value + ": must be a probability in [0, 1]");
        }
        return value;
    }

    public static int positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " " + value + ": must be > 0");
        }
        return value;
    }

    public static int nonNegative(String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " " + value + ": must be >= 0");
        }
        return value;
    }

    public static String name(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " '" + value + "': must be a non-empty name");
        }
        return value;
    }

    public static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is null: a value is required");
        }
        return value;
    }
}
