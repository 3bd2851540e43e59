package org.snn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
    @TempDir
    Path dir;

    static byte[] idx(int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return b.toByteArray();
    }

    static Path write(Path file, byte[] bytes, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes);
        }
        return file;
    }

    /** Three 2x2 images with pixels 0..11 and labels 2, 0, 1, gzipped and plain. */
    static void writeTinySet(Path dir, boolean gzip) throws IOException {
        byte[] px = new byte[12];
        for (int k = 0; k < 12; k++) {
            px[k] = (byte) (k * 20);
        }
        String gz = gzip ? ".gz" : "";
        write(dir.resolve("train-images-idx3-ubyte" + gz), idx(0x803, new int[] {3, 2, 2}, px), gzip);
        write(dir.resolve("train-labels-idx1-ubyte" + gz), idx(0x801, new int[] {3}, new byte[] {2, 0, 1}), gzip);
    }

    @Test
    void readsGzippedAndPlainFilesAlike() throws IOException {
        for (boolean gzip : new boolean[] {true, false}) {
            Path d = Files.createDirectories(dir.resolve("gz" + gzip));
            writeTinySet(d, gzip);
            ImageSet set = ImageSet.readMnistLayout(d, true);
            assertEquals(3, set.count());
            assertEquals(4, set.pixels());
            assertEquals(2, set.label(0));
            assertEquals(1, set.label(2));
            assertEquals(220, set.pixel(2, 3), "pixel 11 = 220 read as unsigned");
            assertEquals(0, set.pixel(0, 0));
        }
        IdxFile f = IdxFile.read(dir.resolve("gztrue/train-images-idx3-ubyte.gz"));
        assertArrayEquals(new int[] {3, 2, 2}, f.dims());
        assertEquals(4, f.itemSize());
    }

    @Test
    void wrongMagicIsAnErrorNamingTheFileAndTheMagic() throws IOException {
        Path f = write(dir.resolve("bad"), idx(0x0d03, new int[] {1, 1, 1}, new byte[1]), false);
        IOException e = assertThrows(IOException.class, () -> IdxFile.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("0x00000d03"), e.getMessage());
    }

    @Test
    void truncatedDataIsAnErrorWithBothSizes() throws IOException {
        Path f = write(dir.resolve("short.gz"), idx(0x803, new int[] {2, 3, 3}, new byte[10]), true);
        IOException e = assertThrows(IOException.class, () -> IdxFile.read(f));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("18")
                && e.getMessage().contains("10"), e.getMessage());
        Path h = write(dir.resolve("header"), new byte[] {0, 0, 8, 3, 0, 0}, false);
        IOException eh = assertThrows(IOException.class, () -> IdxFile.read(h));
        assertTrue(eh.getMessage().contains("truncated header"), eh.getMessage());
    }

    @Test
    void labelOutOfRangeIsAnErrorNamingFileIndexAndValue() throws IOException {
        writeTinySet(dir, false);
        write(dir.resolve("train-labels-idx1-ubyte"), idx(0x801, new int[] {3}, new byte[] {2, 10, 1}), false);
        IOException e = assertThrows(IOException.class, () -> ImageSet.readMnistLayout(dir, true));
        assertTrue(e.getMessage().contains("label 10 at index 1") && e.getMessage().contains("labels-idx1"),
                e.getMessage());
    }

    @Test
    void missingFileNamesTheFolder() {
        IOException e = assertThrows(IOException.class, () -> ImageSet.readMnistLayout(dir, false));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte"), e.getMessage());
    }

    /** The real Fashion-MNIST files: 60,000 + 10,000 images of 28x28, 6,000 / 1,000 per class. */
    @Test
    void fashionMnistFromItsOriginalFiles() throws IOException {
        Path folder = Path.of("../../shared/datasets/fashion-mnist");
        if (!Files.isDirectory(folder)) {
            System.out.println("SKIPPED fashionMnistFromItsOriginalFiles: " + folder.toAbsolutePath() + " is missing");
            Assumptions.abort("Fashion-MNIST folder missing: " + folder.toAbsolutePath());
        }
        ImageSet train = ImageSet.readMnistLayout(folder, true);
        ImageSet test = ImageSet.readMnistLayout(folder, false);
        assertEquals(60000, train.count());
        assertEquals(10000, test.count());
        assertEquals(784, train.pixels());
        int[] perClass = new int[10];
        for (int i = 0; i < test.count(); i++) {
            perClass[test.label(i)]++;
        }
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, perClass);
        assertEquals(9, train.label(0), "the first training image is an ankle boot");
    }
}
