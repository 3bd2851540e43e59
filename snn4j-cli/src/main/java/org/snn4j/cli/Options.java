package org.snn4j.cli;

import org.snn4j.registry.Registry;

/** Checks of option values; the message names the option, the value and what was expected. */
final class Options {
    /** The value of a named choice, or an error that lists the names ({@code --schedule x: expected a, b or c}). */
    static <T> T choice(String option, Registry<T> registry, String name) {
        if (!registry.contains(name)) {
            throw new IllegalArgumentException(option + " " + name + ": expected " + registry.listing());
        }
        return registry.get(name);
    }

    /**
     * Runs a library call whose error messages name the field as the command line names the option
     * ({@code threads 3: ...}), and puts the option's dashes in front of them.
     */
    static <T> T asOption(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage(), e);
        }
    }

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

    /**
     * Checks before any work that an output file option may be written (not a directory, device or
     * pipe, not one of the command's inputs), so that a long run is not lost at its end.
     */
    static void output(String option, java.nio.file.Path target, java.nio.file.Path... inputs) {
        if (target == null) {
            return;
        }
        try {
            org.snn4j.files.SafeFiles.check(target, inputs);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(option + " " + target + ": cannot be written (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage());
        }
    }

    /** Checks that an output folder option names a folder or nothing yet. */
    static void outputFolder(String option, java.nio.file.Path folder) {
        if (folder != null && java.nio.file.Files.exists(folder) && !java.nio.file.Files.isDirectory(folder)) {
            throw new IllegalArgumentException(option + " " + folder + ": is a file; give a folder for the output");
        }
    }
}
