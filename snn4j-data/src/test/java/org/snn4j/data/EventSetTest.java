package org.snn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SHD reader on fixture files in exactly SHD's layout (made by resources/shd/make_fixtures.py). */
class EventSetTest {
    @TempDir
    Path dir;

    private static Path fixture(String name) throws Exception {
        return Path.of(EventSetTest.class.getResource("/shd/" + name).toURI());
    }

    @Test
    void readsLabelsAndEventsOfTheShdLayout() throws Exception {
        EventSet set = EventSet.readShd(fixture("shd_fixture.h5"), EventSet.SHD_CHANNELS);
        assertEquals(4, set.count());
        assertEquals(7, set.label(0));
        assertEquals(0, set.label(1));
        assertEquals(19, set.label(2));
        assertEquals(4, set.label(3));
        assertEquals(20, set.classes());
        assertEquals(6, set.events(0));
        assertEquals(0, set.events(1));
        assertEquals(40, set.events(2));
    }

    @Test
    void binsByHandWorkedSample() throws Exception {
        // sample 0: (t, unit) = (0, 3) (0.004, 699) (0.0149, 3) (0.0151, 3) (0.031, 0) (0.5, 5), t as float16
        EventSet set = EventSet.readShd(fixture("shd_fixture.h5"), EventSet.SHD_CHANNELS);
        SpikeRaster r = new SpikeRaster(700, 10);
        set.bin(0, 10, 0.1, r); // 10 ms bins; 0.5 s is past the end
        assertArrayEquals(new int[] {3, 699}, steps(r, 0));
        assertArrayEquals(new int[] {3}, steps(r, 1)); // two events of channel 3 in one bin: one spike
        assertArrayEquals(new int[] {}, steps(r, 2));
        assertArrayEquals(new int[] {0}, steps(r, 3));
        for (int t = 4; t < 10; t++) {
            assertEquals(0, steps(r, t).length);
        }
        assertEquals(4, r.spikeCount());
        set.bin(0, 2, 1.0, r); // 0.5 s bins: everything but the last event in step 0, which holds 3 channels
        assertArrayEquals(new int[] {0, 3, 699}, steps(r, 0));
        assertArrayEquals(new int[] {5}, steps(r, 1));
        set.bin(1, 5, 1.0, r); // an empty sample
        assertEquals(0, r.spikeCount());
        assertEquals(5, r.steps());
    }

    @Test
    void binningKeepsEveryEventOnceInRange() throws Exception {
        EventSet set = EventSet.readShd(fixture("shd_fixture.h5"), EventSet.SHD_CHANNELS);
        SpikeRaster r = new SpikeRaster(700, 1000);
        // 1 ms bins over 1.4 s: the random samples' 40 events (times < 1.2 s) are at distinct (bin, unit) pairs
        set.bin(2, 1400, 1.4, r);
        assertEquals(40, r.spikeCount());
        for (int t = 0; t < 1400; t++) {
            int[] s = steps(r, t);
            for (int k = 1; k < s.length; k++) {
                assertTrue(s[k - 1] < s[k], "ascending within a step");
            }
        }
        assertEquals(2, set.head(2).count());
    }

    @Test
    void missingFieldIsNamed() throws Exception {
        IOException e = assertThrows(IOException.class,
                () -> EventSet.readShd(fixture("shd_no_units.h5"), EventSet.SHD_CHANNELS));
        assertTrue(e.getMessage().contains("missing field 'spikes/units'"), e.getMessage());
        assertTrue(e.getMessage().contains("shd_no_units.h5"), e.getMessage());
    }

    @Test
    void unitOutOfRangeIsNamed() throws Exception {
        IOException e = assertThrows(IOException.class, () -> EventSet.readShd(fixture("shd_fixture.h5"), 100));
        assertTrue(e.getMessage().contains("spikes/units[0][1] = 699"), e.getMessage());
    }

    @Test
    void notHdf5OrAbsentIsNamed() throws Exception {
        Path bad = dir.resolve("shd_train.h5");
        Files.write(bad, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        IOException e = assertThrows(IOException.class, () -> EventSet.readShd(bad, 700));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        Files.write(dir.resolve("shd_test.h5.gz"), new byte[] {1});
        e = assertThrows(IOException.class, () -> EventSet.readShd(dir.resolve("shd_test.h5"), 700));
        assertTrue(e.getMessage().contains("gunzip"), e.getMessage());
    }

    private static int[] steps(SpikeRaster r, int t) {
        int[] out = new int[r.to(t) - r.from(t)];
        for (int k = 0; k < out.length; k++) {
            out[k] = r.neuron(r.from(t) + k);
        }
        return out;
    }
}
