package org.snn4j.train;

import java.io.IOException;
import java.nio.file.Path;
import org.snn4j.data.EventSet;
import org.snn4j.data.ImageSet;
import org.snn4j.registry.Registry;

/**
 * The datasets a model is trained and evaluated on, by name: {@code fashion-mnist} and {@code mnist}
 * (the four IDX files in a folder, gzipped or not; rate-coded), {@code shd} (the Spiking Heidelberg
 * Digits, {@code shd_train.h5} and {@code shd_test.h5}, binned over {@link #SHD_WINDOW_S}) and
 * {@code delay} (the built-in temporal task, no files). One factory for training, evaluation and
 * studies, so that each sees the same samples for the same seed.
 */
public final class Datasets {
    /** The kinds of dataset. */
    public enum Kind {
        FASHION_MNIST, MNIST, SHD, DELAY
    }

    public static final Registry<Kind> BY_NAME = Registry.<Kind>of("dataset").add("fashion-mnist", Kind.FASHION_MNIST)
            .add("mnist", Kind.MNIST).add("shd", Kind.SHD).add("delay", Kind.DELAY).build();

    /** SHD samples are binned over their first 1.4 s (the recordings' length is at most about 1.4 s). */
    public static final double SHD_WINDOW_S = 1.4;

    /** The delay task's training samples when no limit is given. */
    public static final int DELAY_SAMPLES = 2000;

    /** A training and a test set of the same inputs and classes. */
    public record Split(Samples train, Samples test) {
    }

    private Datasets() {
    }

    /**
     * The training and test sets of a dataset, each encoded into {@code steps} steps. The test set's
     * encoding depends only on seed + 1, so an evaluation sees what training tested on; {@code limit}
     * cuts both (null: all; the delay task then has {@link #DELAY_SAMPLES} training samples, its test
     * set a quarter of the training set's count).
     *
     * @param folder the dataset's folder (null for the delay task)
     */
    public static Split load(String name, Path folder, int steps, long seed, Integer limit) throws IOException {
        Kind kind = BY_NAME.get(name);
        if (steps < 1) {
            throw new IllegalArgumentException("steps " + steps + ": must be >= 1");
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit " + limit + ": must be >= 1");
        }
        if (kind != Kind.DELAY && folder == null) {
            throw new IllegalArgumentException("dataset " + name + ": needs its folder (--data DIR), with "
                    + (kind == Kind.SHD ? "shd_train.h5 and shd_test.h5" : "the four IDX files"));
        }
        switch (kind) {
            case FASHION_MNIST, MNIST -> {
                ImageSet tr = ImageSet.readMnistLayout(folder, true);
                ImageSet te = ImageSet.readMnistLayout(folder, false);
                if (limit != null) {
                    tr = tr.head(limit);
                    te = te.head(limit);
                }
                return new Split(new ImageSamples(tr, steps, ImageSamples.Coding.RATE, seed),
                        new ImageSamples(te, steps, ImageSamples.Coding.RATE, seed + 1));
            }
            case SHD -> {
                EventSet tr = EventSet.readShd(folder.resolve("shd_train.h5"), EventSet.SHD_CHANNELS);
                EventSet te = EventSet.readShd(folder.resolve("shd_test.h5"), EventSet.SHD_CHANNELS);
                if (limit != null) {
                    tr = tr.head(limit);
                    te = te.head(limit);
                }
                // both sets need the same class count for the output layer: SHD's 20 (labels 0..19)
                if (te.classes() > tr.classes()) {
                    throw new IllegalArgumentException("dataset folder " + folder + ": the test set has labels up to "
                            + (te.classes() - 1) + ", the training set only up to " + (tr.classes() - 1));
                }
                return new Split(new EventSamples(tr, steps, SHD_WINDOW_S), new EventSamples(te, steps, SHD_WINDOW_S));
            }
            default -> {
                int n = limit != null ? limit : DELAY_SAMPLES;
                int gap = Math.max(1, steps / 2);
                return new Split(new DelayTask(n, steps, gap, seed), new DelayTask(Math.max(1, n / 4), steps, gap,
                        seed + 7919));
            }
        }
    }

    /**
     * The test set of a dataset with at least {@code samples} samples where the dataset allows it (the
     * delay task's test samples depend on their index only, so 4 x samples training samples give one).
     */
    public static Samples testSet(String name, Path folder, int steps, long seed, int samples) throws IOException {
        return load(name, folder, steps, seed, BY_NAME.get(name) == Kind.DELAY ? 4 * samples : null).test();
    }
}
