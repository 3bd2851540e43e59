package org.snn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EncodersTest {
    /** One image of 4 pixels: 0, 255, 128, 51. */
    static ImageSet image() {
        return new ImageSet(1, 4, new byte[] {0, (byte) 255, (byte) 128, 51}, new byte[] {0}, 1);
    }

    @Test
    void rateCodingSpikesWithProbabilityPixelOver255() {
        ImageSet set = image();
        int steps = 20000;
        SpikeRaster r = new SpikeRaster(4, steps);
        Encoders.rate(set, 0, steps, 7, 0, r);
        int[][] trains = r.toSpikeSteps();
        assertEquals(0, trains[0].length, "a black pixel never spikes");
        assertEquals(steps, trains[1].length, "a white pixel spikes at every step");
        // binomial: sd = sqrt(n p (1-p)) = 70.7 for p = 128/255, 56.6 for p = 0.2
        assertEquals(steps * 128 / 255.0, trains[2].length, 4 * 70.7);
        assertEquals(steps * 0.2, trains[3].length, 4 * 56.6);
    }

    @Test
    void rateCodingIsAFunctionOfSeedEpochAndSample() {
        ImageSet set = image();
        SpikeRaster a = new SpikeRaster(4, 50);
        SpikeRaster b = new SpikeRaster(4, 50);
        Encoders.rate(set, 0, 50, 3, 1, a);
        Encoders.rate(set, 0, 50, 3, 1, b);
        assertArrayEquals(a.toSpikeSteps()[2], b.toSpikeSteps()[2]);
        Encoders.rate(set, 0, 50, 3, 2, b);
        assertEquals(false, java.util.Arrays.equals(a.toSpikeSteps()[2], b.toSpikeSteps()[2]), "another epoch differs");
    }

    @Test
    void latencyCodingFiresBrightPixelsFirst() {
        SpikeRaster r = new SpikeRaster(4, 11);
        Encoders.latency(image(), 0, 11, 0.1, r);
        int[][] t = r.toSpikeSteps();
        assertEquals(0, t[0].length);
        assertArrayEquals(new int[] {1}, t[1], "white fires at the first step");
        assertArrayEquals(new int[] {6}, t[2], "128/255 at round(0.498 * 10) + 1");
        assertArrayEquals(new int[] {9}, t[3], "0.2 at round(0.8 * 10) + 1");
    }
}
