package org.snn4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Labelled images with unsigned-byte pixels, as MNIST and Fashion-MNIST ship them: {@code pixels}
 * bytes per image in one array, one label per image in [0, classes).
 */
public final class ImageSet {
    private final int count;
    private final int pixels;
    private final byte[] images;
    private final byte[] labels;
    private final int classes;

    public ImageSet(int count, int pixels, byte[] images, byte[] labels, int classes) {
        if (images.length != (long) count * pixels) {
            throw new IllegalArgumentException("images: " + images.length + " bytes, expected count " + count
                    + " x pixels " + pixels);
        }
        if (labels.length != count) {
            throw new IllegalArgumentException("labels: " + labels.length + " labels, expected " + count);
        }
        for (int i = 0; i < count; i++) {
            int y = labels[i] & 0xff;
            if (y >= classes) {
                throw new IllegalArgumentException("labels[" + i + "] = " + y + ": out of range, expected 0.."
                        + (classes - 1));
            }
        }
        this.count = count;
        this.pixels = pixels;
        this.images = images;
        this.labels = labels;
        this.classes = classes;
    }

    /**
     * Reads an images file and a labels file (IDX, gzipped or not); labels must lie in [0, classes).
     */
    public static ImageSet read(Path imagesFile, Path labelsFile, int classes) throws IOException {
        IdxFile img = IdxFile.read(imagesFile);
        IdxFile lab = IdxFile.read(labelsFile);
        if (img.dims().length < 2) {
            throw new IOException("IDX file " + imagesFile + ": " + img.dims().length
                    + " dimension(s), expected images (count x rows x columns)");
        }
        if (lab.dims().length != 1) {
            throw new IOException("IDX file " + labelsFile + ": " + lab.dims().length + " dimensions, expected 1 (labels)");
        }
        if (lab.count() != img.count()) {
            throw new IOException("IDX file " + labelsFile + ": " + lab.count() + " labels for " + img.count()
                    + " images in " + imagesFile);
        }
        byte[] l = lab.data();
        for (int i = 0; i < l.length; i++) {
            if ((l[i] & 0xff) >= classes) {
                throw new IOException("IDX file " + labelsFile + ": label " + (l[i] & 0xff) + " at index " + i
                        + " is out of range, expected 0.." + (classes - 1));
            }
        }
        return new ImageSet(img.count(), img.itemSize(), img.data(), l, classes);
    }

    /**
     * The training or test split of MNIST-layout files in a folder: {@code train-images-idx3-ubyte},
     * {@code train-labels-idx1-ubyte}, {@code t10k-...}, each with or without {@code .gz}.
     */
    public static ImageSet readMnistLayout(Path folder, boolean train) throws IOException {
        String prefix = train ? "train" : "t10k";
        return read(find(folder, prefix + "-images-idx3-ubyte"), find(folder, prefix + "-labels-idx1-ubyte"), 10);
    }

    private static Path find(Path folder, String name) throws IOException {
        for (String candidate : new String[] {name + ".gz", name}) {
            Path p = folder.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IOException("dataset folder " + folder + ": neither " + name + ".gz nor " + name + " found");
    }

    public int count() {
        return count;
    }

    public int pixels() {
        return pixels;
    }

    public int classes() {
        return classes;
    }

    public int label(int i) {
        return labels[i] & 0xff;
    }

    /** Pixel p of image i in [0, 255]. */
    public int pixel(int i, int p) {
        return images[i * pixels + p] & 0xff;
    }

    /** The first n images (a view sharing no arrays with this one). */
    public ImageSet head(int n) {
        int m = Math.min(n, count);
        byte[] img = java.util.Arrays.copyOf(images, m * pixels);
        byte[] lab = java.util.Arrays.copyOf(labels, m);
        return new ImageSet(m, pixels, img, lab, classes);
    }
}
