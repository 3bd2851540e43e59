package org.snn4j.train;

import org.snn4j.data.Encoders;
import org.snn4j.data.ImageSet;
import org.snn4j.data.SpikeRaster;

/** Images as spikes: Bernoulli rate coding (redrawn every epoch) or latency coding. */
public final class ImageSamples implements Samples {
    public enum Coding {
        RATE, LATENCY
    }

    private final ImageSet images;
    private final int steps;
    private final Coding coding;
    private final long seed;

    public ImageSamples(ImageSet images, int steps, Coding coding, long seed) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps " + steps + ": must be >= 1");
        }
        this.images = images;
        this.steps = steps;
        this.coding = coding;
        this.seed = seed;
    }

    @Override
    public int count() {
        return images.count();
    }

    @Override
    public int inputs() {
        return images.pixels();
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public int classes() {
        return images.classes();
    }

    @Override
    public int label(int i) {
        return images.label(i);
    }

    @Override
    public void encode(int i, long epoch, SpikeRaster out) {
        if (coding == Coding.RATE) {
            Encoders.rate(images, i, steps, seed, epoch, out);
        } else {
            Encoders.latency(images, i, steps, 0.1, out);
        }
    }
}
