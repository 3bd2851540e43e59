package org.snn4j.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file of unsigned bytes (the format of MNIST and Fashion-MNIST), gzipped or not: magic
 * {@code 00 00 08 nd}, nd big-endian int32 dimensions, then the bytes in row-major order.
 */
public final class IdxFile {
    private final int[] dims;
    private final byte[] data;

    private IdxFile(int[] dims, byte[] data) {
        this.dims = dims;
        this.data = data;
    }

    /** Reads a file; a gzip stream is recognised by its own magic bytes, whatever the name. */
    public static IdxFile read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("IDX file " + file + ": not found");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            long fileBytes = Files.size(file);
            try (DataInputStream in = new DataInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw)) {
                // deflate expands at most about 1032:1, so a larger promise cannot be true
                return read(in, file, gzip ? fileBytes * 1032 : fileBytes);
            } catch (EOFException e) {
                throw new IOException("IDX file " + file + ": truncated" + (gzip ? " (the gzip stream ends early)" : " header"),
                        e);
            } catch (java.util.zip.ZipException e) {
                throw new IOException("IDX file " + file + ": corrupt gzip data (" + e.getMessage() + ")", e);
            }
        }
    }

    private static IdxFile read(DataInputStream in, Path file, long mostBytes) throws IOException {
        int magic = in.readInt();
        if ((magic >>> 8) != 0x000008 || (magic & 0xff) == 0) {
            throw new IOException("IDX file " + file + ": magic 0x" + String.format("%08x", magic)
                    + " is not an unsigned-byte IDX file (expected 0x000008 followed by the number of dimensions)");
        }
        int nd = magic & 0xff;
        int[] dims = new int[nd];
        long total = 1;
        for (int k = 0; k < nd; k++) {
            dims[k] = in.readInt();
            if (dims[k] < 0) {
                throw new IOException("IDX file " + file + ": dimension " + k + " is " + dims[k] + ", expected >= 0");
            }
            total *= dims[k];
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IOException("IDX file " + file + ": " + total + " bytes of data is more than one array can hold");
        }
        if (total + 4L + 4L * nd > mostBytes) {
            throw new IOException("IDX file " + file + ": truncated: the header " + Arrays.toString(dims) + " promises "
                    + total + " bytes of data, more than the file can hold");
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (total > heap / 2) {
            throw new IOException("IDX file " + file + ": " + (total >> 20) + " MiB of data, more than half of the "
                    + (heap >> 20) + " MiB the JVM may use; raise it with SNN4J_JAVA_OPTS=-Xmx...");
        }
        byte[] data = new byte[(int) total];
        int got = in.readNBytes(data, 0, data.length);
        if (got < data.length) {
            throw new IOException("IDX file " + file + ": truncated: the header " + Arrays.toString(dims) + " promises "
                    + data.length + " bytes of data, the file holds " + got);
        }
        // reading on to the end makes a gzip stream check its trailer (CRC-32 and length)
        if (in.read() != -1) {
            throw new IOException("IDX file " + file + ": more bytes after the " + data.length
                    + " the header promises (not an IDX file, or two joined)");
        }
        return new IdxFile(dims, data);
    }

    public int[] dims() {
        return dims.clone();
    }

    /** Number of items: the first dimension. */
    public int count() {
        return dims.length == 0 ? 0 : dims[0];
    }

    /** Bytes per item: the product of the other dimensions. */
    public int itemSize() {
        int s = 1;
        for (int k = 1; k < dims.length; k++) {
            s *= dims[k];
        }
        return s;
    }

    /** The raw bytes (unsigned, row-major); not copied. */
    public byte[] data() {
        return data;
    }
}
