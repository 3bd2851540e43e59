package org.snn4j.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Labelled spike events in continuous time, one variable-length list per sample: the Spiking
 * Heidelberg Digits layout (Cramer et al., 2020) read from its HDF5 file through jhdf:
 * {@code spikes/times} (seconds, any float type), {@code spikes/units} (channel indices, any integer
 * type) and {@code labels}. Samples are binned into steps with {@link #bin}.
 */
public final class EventSet {
    /** Input channels of SHD (and SSC): the cochlea model's 700 fibres. */
    public static final int SHD_CHANNELS = 700;

    private final int channels;
    private final int classes;
    private final int[] labels;
    /** Sample i's events are [offset[i], offset[i + 1]) of times and units, in file order. */
    private final int[] offset;
    private final float[] times;
    private final int[] units;

    private EventSet(int channels, int[] labels, int[] offset, float[] times, int[] units) {
        this.channels = channels;
        this.labels = labels;
        this.offset = offset;
        this.times = times;
        this.units = units;
        int max = 0;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        this.classes = max + 1;
    }

    /**
     * Reads an SHD-layout HDF5 file whose units lie in [0, channels). Errors name the file and the
     * field (a missing dataset, a length that disagrees, a unit or label out of range, a negative or
     * non-finite time).
     */
    public static EventSet readShd(Path file, int channels) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("SHD file " + file + ": not found"
                    + (Files.isRegularFile(Path.of(file + ".gz")) ? " (a .gz of it is there: gunzip it first)" : ""));
        }
        try (HdfFile hdf = new HdfFile(file)) {
            Object[] timeLists = variableLength(hdf, file, "spikes/times");
            Object[] unitLists = variableLength(hdf, file, "spikes/units");
            Object labelData = dataset(hdf, file, "labels").getData();
            if (!labelData.getClass().isArray() || labelData.getClass().getComponentType().isArray()) {
                throw new IOException("SHD file " + file + ": field 'labels' must be a one-dimensional integer array");
            }
            int count = Array.getLength(labelData);
            if (timeLists.length != count || unitLists.length != count) {
                throw new IOException("SHD file " + file + ": 'labels' has " + count + " samples, 'spikes/times' "
                        + timeLists.length + " and 'spikes/units' " + unitLists.length + "; expected equal counts");
            }
            int[] labels = new int[count];
            int[] offset = new int[count + 1];
            for (int i = 0; i < count; i++) {
                labels[i] = integer(Array.get(labelData, i), file, "labels", i);
                if (labels[i] < 0) {
                    throw new IOException("SHD file " + file + ": labels[" + i + "] = " + labels[i] + ", expected >= 0");
                }
                int n = Array.getLength(timeLists[i]);
                if (Array.getLength(unitLists[i]) != n) {
                    throw new IOException("SHD file " + file + ": sample " + i + " has " + n + " entries in 'spikes/times' but "
                            + Array.getLength(unitLists[i]) + " in 'spikes/units'");
                }
                offset[i + 1] = Math.addExact(offset[i], n);
            }
            float[] times = new float[offset[count]];
            int[] units = new int[offset[count]];
            for (int i = 0; i < count; i++) {
                for (int k = 0; k < offset[i + 1] - offset[i]; k++) {
                    double t = ((Number) Array.get(timeLists[i], k)).doubleValue();
                    int u = integer(Array.get(unitLists[i], k), file, "spikes/units", i);
                    if (!(t >= 0) || Double.isInfinite(t)) {
                        throw new IOException("SHD file " + file + ": spikes/times[" + i + "][" + k + "] = " + t
                                + ", expected a finite time >= 0 in seconds");
                    }
                    if (u < 0 || u >= channels) {
                        throw new IOException("SHD file " + file + ": spikes/units[" + i + "][" + k + "] = " + u
                                + ", expected a channel in 0.." + (channels - 1));
                    }
                    times[offset[i] + k] = (float) t;
                    units[offset[i] + k] = u;
                }
            }
            sortByTime(offset, times, units);
            return new EventSet(channels, labels, offset, times, units);
        } catch (HdfException e) {
            throw new IOException("SHD file " + file + ": not a readable HDF5 file (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            // jhdf reading a file with a valid signature and a broken body can fail in many ways
            throw new IOException("SHD file " + file + ": not a readable HDF5 file (corrupt: "
                    + (e.getMessage() != null ? e.getMessage() : "its structure does not parse") + ")", e);
        }
    }

    /** Puts each sample's events in time order (stable), as {@link #bin} needs; SHD's already are. */
    private static void sortByTime(int[] offset, float[] times, int[] units) {
        for (int i = 0; i + 1 < offset.length; i++) {
            int from = offset[i];
            int n = offset[i + 1] - from;
            boolean sorted = true;
            for (int k = 1; k < n && sorted; k++) {
                sorted = times[from + k - 1] <= times[from + k];
            }
            if (sorted) {
                continue;
            }
            Integer[] order = new Integer[n];
            for (int k = 0; k < n; k++) {
                order[k] = k;
            }
            Arrays.sort(order, (a, b) -> Float.compare(times[from + a], times[from + b]));
            float[] t = Arrays.copyOfRange(times, from, from + n);
            int[] u = Arrays.copyOfRange(units, from, from + n);
            for (int k = 0; k < n; k++) {
                times[from + k] = t[order[k]];
                units[from + k] = u[order[k]];
            }
        }
    }

    private static Dataset dataset(HdfFile hdf, Path file, String path) throws IOException {
        Node node;
        try {
            node = hdf.getByPath(path);
        } catch (HdfException e) {
            node = null;
        }
        if (!(node instanceof Dataset d)) {
            throw new IOException("SHD file " + file + ": missing field '" + path + "' (expected the SHD layout:"
                    + " spikes/times, spikes/units, labels)");
        }
        return d;
    }

    private static Object[] variableLength(HdfFile hdf, Path file, String path) throws IOException {
        Dataset d = dataset(hdf, file, path);
        Object data = d.getData();
        if (!d.isVariableLength() || !(data instanceof Object[] lists)) {
            throw new IOException("SHD file " + file + ": field '" + path
                    + "' must hold one variable-length array per sample");
        }
        return lists;
    }

    private static int integer(Object value, Path file, String field, int sample) throws IOException {
        if (value instanceof Byte b) {
            return b & 0xff; // HDF5 8-bit labels are unsigned in SHD-like files
        }
        if (value instanceof Short || value instanceof Integer || value instanceof Long) {
            long v = ((Number) value).longValue();
            if (value instanceof Short) {
                v &= 0xffff; // uint16 comes back as a signed short
            }
            return Math.toIntExact(v);
        }
        throw new IOException("SHD file " + file + ": field '" + field + "' (sample " + sample + ") holds "
                + value.getClass().getSimpleName() + " values, expected integers");
    }

    public int count() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    /** One more than the largest label. */
    public int classes() {
        return classes;
    }

    public int label(int i) {
        return labels[i];
    }

    /** Events of sample i. */
    public int events(int i) {
        return offset[i + 1] - offset[i];
    }

    /** The first n samples. */
    public EventSet head(int n) {
        int m = Math.min(n, count());
        return new EventSet(channels, Arrays.copyOf(labels, m), Arrays.copyOf(offset, m + 1),
                Arrays.copyOf(times, offset[m]), Arrays.copyOf(units, offset[m]));
    }

    /**
     * Sample i binned into {@code steps} steps of {@code maxTimeSeconds / steps} each: an event at
     * time t goes to step floor(t / width); events at or after maxTimeSeconds are dropped, and a
     * channel's events within one step make one spike. Allocates nothing once the raster is large enough.
     */
    public void bin(int i, int steps, double maxTimeSeconds, SpikeRaster out) {
        out.clear(steps);
        double scale = steps / maxTimeSeconds;
        int step = 0;
        for (int k = offset[i]; k < offset[i + 1]; k++) {
            int s = (int) Math.floor(times[k] * scale);
            if (s >= steps) {
                break; // events are in time order (sorted at load)
            }
            while (step < s) {
                out.endStepSorted(step++);
            }
            out.add(units[k]);
        }
        while (step < steps) {
            out.endStepSorted(step++);
        }
    }

}
