package org.snn4j.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file whole or not at all, the one way every snn4j file is written: into a temporary file
 * beside the target (named {@code .NAME.snn4j-tmp-PID-N}, created with the umask's permissions like
 * any new file), flushed to disk, renamed over the target, and the folder flushed too. A symbolic link
 * is followed (its target is written, the link stays); a directory, device or pipe is refused, and so
 * is a target that is one of the files the command reads. Temporaries left by a process that died
 * (kill -9 during a write) are removed by the next write of the same file.
 */
public final class SafeFiles {
    /** Writes the file's content. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static final String TMP = ".snn4j-tmp-";

    private SafeFiles() {
    }

    /**
     * Writes {@code target} atomically. {@code inputs} are the files (or folders of files) the command
     * reads: the target may not be one of them, nor inside an input folder.
     *
     * @throws IllegalArgumentException for a target that may not be written (named, with the reason)
     */
    public static void write(Path target, Writer writer, Path... inputs) throws IOException {
        replace(target, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(ch);
                writer.write(out);
                out.flush();
                ch.force(true);
            }
        }, inputs);
    }

    /** Writes a file through a library that writes to a path of its own (HDF5): the same rules as {@link #write}. */
    @FunctionalInterface
    public interface PathWriter {
        void write(Path file) throws IOException;
    }

    /** {@link #write} for a writer that needs a path: it writes the temporary file, which then replaces the target. */
    public static void writeVia(Path target, PathWriter writer, Path... inputs) throws IOException {
        replace(target, tmp -> {
            writer.write(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }, inputs);
    }

    /** The temporary beside the target (created empty, with the umask's permissions), filled, then renamed over it. */
    private static void replace(Path target, PathWriter fill, Path... inputs) throws IOException {
        Path file = check(target, inputs);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        removeStale(dir, file.getFileName().toString());
        Path tmp = dir.resolve("." + file.getFileName() + TMP + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW).close();
            fill.write(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes UTF-8 text followed by a newline. */
    public static void writeText(Path target, String text, Path... inputs) throws IOException {
        write(target, out -> out.write((text + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)), inputs);
    }

    /**
     * Checks, before any work, that {@code target} may be written ({@link #write}'s rules); returns the
     * file a write will replace (a link's target).
     *
     * @throws IllegalArgumentException naming the target and the reason
     */
    public static Path check(Path target, Path... inputs) throws IOException {
        Path file = resolve(target);
        for (Path in : inputs) {
            if (in != null && reads(in, file)) {
                throw new IllegalArgumentException(target + ": is a file this command reads (" + in
                        + "); write the result elsewhere");
            }
        }
        return file;
    }

    /** The file to write for a target: a link's final target; refuses what is not a regular file. */
    private static Path resolve(Path target) throws IOException {
        Path file = target;
        if (Files.isSymbolicLink(target)) {
            file = target.toAbsolutePath().getParent().resolve(Files.readSymbolicLink(target)).normalize();
            if (Files.isSymbolicLink(file)) {
                file = file.toRealPath();
            }
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(target + ": " + (Files.isDirectory(file) ? "is a directory"
                    : "is not a regular file (a device or a pipe)") + "; give a file name to write");
        }
        return file;
    }

    /** Whether writing {@code file} would replace {@code input}, or a file of the input folder. */
    private static boolean reads(Path input, Path file) throws IOException {
        if (!Files.exists(input) || !Files.exists(file)) {
            return false;
        }
        Path in = input.toRealPath();
        Path out = file.toRealPath();
        return Files.isDirectory(in) ? in.equals(out.getParent()) : in.equals(out);
    }

    /** Removes temporaries of {@code name} whose writing process is gone. */
    private static void removeStale(Path dir, String name) {
        String prefix = "." + name + TMP;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, p -> p.getFileName().toString()
                .startsWith(prefix))) {
            for (Path p : stream) {
                String rest = p.getFileName().toString().substring(prefix.length());
                int dash = rest.indexOf('-');
                try {
                    long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                    if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                        Files.deleteIfExists(p);
                    }
                } catch (NumberFormatException | IOException e) {
                    // not one of ours, or already gone: leave it
                }
            }
        } catch (IOException e) {
            // the folder cannot be listed: nothing to clean, the write itself will say what is wrong
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot open or sync a directory; the file itself is on disk
        }
    }
}
