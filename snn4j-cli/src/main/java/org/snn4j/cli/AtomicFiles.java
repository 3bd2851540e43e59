package org.snn4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.snn4j.files.SafeFiles;

/** The command line's file writes: {@link SafeFiles}, whole or not at all, never over an input. */
final class AtomicFiles {
    @FunctionalInterface
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes text (UTF-8) followed by a newline; {@code inputs} are the files the command reads. */
    static void writeText(Path target, String text, Path... inputs) throws IOException {
        SafeFiles.writeText(target, text, inputs);
    }

    static void write(Path target, Writer writer, Path... inputs) throws IOException {
        SafeFiles.write(target, writer::write, inputs);
    }
}
