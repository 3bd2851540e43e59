package org.snn4j.cli;

/** Checks of option values; the message names the option, the value and what was expected. */
final class Options {
    private Options() {
    }

    static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " " + value + ": must be >= " + min);
        }
    }

    static void positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " " + value + ": must be a finite number > 0");
        }
    }

    static void nonNegative(String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " " + value + ": must be a finite number >= 0");
        }
    }
}
