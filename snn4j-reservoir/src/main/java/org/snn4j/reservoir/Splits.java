package org.snn4j.reservoir;

/**
 * Time spans of a sequence (DESIGN.md): [0, washout) discarded, then train, then test. Hyper-
 * parameters are chosen on the validation span, the last quarter of the training span, with readouts
 * fitted on the rest of it; never on the test span.
 */
public record Splits(int washout, int train, int test) {
    public static final Splits NARMA = new Splits(200, 2000, 2000);

    public Splits {
        if (washout < 0) {
            throw new IllegalArgumentException("washout " + washout + ": must be >= 0");
        }
        if (train < 8) {
            throw new IllegalArgumentException("train " + train + ": must be >= 8 steps (a quarter is the validation span)");
        }
        if (test < 2) {
            throw new IllegalArgumentException("test " + test + ": must be >= 2 steps");
        }
    }

    public int length() {
        return washout + train + test;
    }

    public int trainStart() {
        return washout;
    }

    public int validationStart() {
        return washout + train - train / 4;
    }

    public int testStart() {
        return washout + train;
    }

    public int end() {
        return length();
    }

    /** Fails unless a sequence of this length covers the spans. */
    void check(String what, int sequenceLength) {
        if (sequenceLength < length()) {
            throw new IllegalArgumentException(what + " length " + sequenceLength + ": the splits need at least "
                    + length() + " steps (washout " + washout + " + train " + train + " + test " + test + ")");
        }
    }
}
