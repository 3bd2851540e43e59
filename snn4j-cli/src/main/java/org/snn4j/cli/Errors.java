package org.snn4j.cli;

import java.io.EOFException;
import java.io.UTFDataFormatException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.zip.ZipException;

/** One-line messages for what went wrong, in words, without Java class names. */
final class Errors {
    private Errors() {
    }

    static String describe(Throwable e) {
        String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() + ": " : "";
        if (e instanceof NoSuchFileException) {
            return file + "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return file + "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return file + "not a folder";
        }
        if (e instanceof FileSystemException f) {
            return file + (f.getReason() != null ? f.getReason() : "cannot be used");
        }
        String message = e.getMessage();
        if (e instanceof EOFException) {
            return message != null ? message : "a file ends too early (truncated)";
        }
        if (e instanceof UTFDataFormatException) {
            return "a file holds a malformed text field (corrupt or not the expected format)";
        }
        if (e instanceof ZipException) {
            return "corrupt gzip data (" + message + ")";
        }
        if (message == null || message.isBlank()) {
            return words(e.getClass().getSimpleName());
        }
        // a cause's message carries what the wrapper's repeats as "java.x.Y: ..." text
        return message.replaceAll("\\b(java|javax|sun|jdk)\\.[\\w.$]+(Exception|Error): ?", "");
    }

    /** "ArrayIndexOutOfBoundsException" as "array index out of bounds". */
    private static String words(String className) {
        String base = className.replaceAll("(Exception|Error)$", "");
        return base.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
}
