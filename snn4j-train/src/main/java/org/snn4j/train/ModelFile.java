package org.snn4j.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.snn4j.files.SafeFiles;
import org.snn4j.model.CubaLif;
import org.snn4j.model.ResetMode;

/**
 * Model and checkpoint files: a documented big-endian binary layout (docs/MODEL-FORMAT.md), floats
 * stored bit for bit so that a loaded model computes exactly what was saved. Writes go to a
 * temporary file in the same folder, then are renamed over the target.
 */
public final class ModelFile {
    static final int MODEL_MAGIC = 0x534E4D32; // "SNM2": SNM1's layout and a CRC-32 of it
    static final int CHECKPOINT_MAGIC = 0x534E4332; // "SNC2"
    /** The first version, without the checksum: still read. */
    static final int MODEL_MAGIC_1 = 0x534E4D31; // "SNM1"
    static final int CHECKPOINT_MAGIC_1 = 0x534E4331; // "SNC1"

    private ModelFile() {
    }

    public static void save(Model model, Path file) throws IOException {
        write(file, out -> {
            out.writeInt(MODEL_MAGIC);
            writeModel(model, out);
        });
    }

    public static Model load(Path file) throws IOException {
        return read(file, in -> {
            int magic = in.readInt();
            if (magic != MODEL_MAGIC && magic != MODEL_MAGIC_1) {
                throw new IOException("model file " + file + ": magic 0x" + Integer.toHexString(magic)
                        + (magic == CHECKPOINT_MAGIC || magic == CHECKPOINT_MAGIC_1
                        ? " is a training checkpoint; a model file was expected"
                        : " is not an snn4j model (expected 0x" + Integer.toHexString(MODEL_MAGIC) + ")"));
            }
            Model model = readModel(in, file);
            requireEnd(in, file, magic == MODEL_MAGIC);
            return model;
        });
    }

    /**
     * A file ends with its last value and (from version 2 on) the CRC-32 of everything before it: a
     * checksum that does not match, or anything after it, means a corrupt or a different file.
     */
    private static void requireEnd(CheckedData in, Path file, boolean checksummed) throws IOException {
        if (checksummed) {
            long computed = in.crc.getValue();
            long stored = in.readInt() & 0xFFFFFFFFL;
            if (stored != computed) {
                throw new IOException("file " + file + ": checksum mismatch (stored " + Long.toHexString(stored)
                        + ", computed " + Long.toHexString(computed) + "): the file is corrupt");
            }
        }
        if (in.read() != -1) {
            throw new IOException("model file " + file + ": more bytes after the model's last value (corrupt, or not a"
                    + " model file)");
        }
    }

    /** A checkpoint: the model, the optimizer's state, the configuration and the epochs done. */
    public static void saveCheckpoint(Trainer trainer, Path file) throws IOException {
        write(file, out -> {
            out.writeInt(CHECKPOINT_MAGIC);
            writeModel(trainer.model(), out);
            Trainer.Config c = trainer.config();
            out.writeInt(c.epochs());
            out.writeInt(c.batch());
            out.writeDouble(c.lr());
            out.writeDouble(c.weightDecay());
            out.writeBoolean(c.cosine());
            out.writeLong(c.seed());
            out.writeInt(trainer.epochsDone());
            Adam adam = trainer.adam();
            out.writeLong(adam.step);
            for (int p = 0; p < adam.m.length; p++) {
                writeFloats(out, adam.m[p]);
                writeFloats(out, adam.v[p]);
            }
        });
    }

    /** Restores a trainer from a checkpoint; {@code threads} and {@code steps} are not part of the state. */
    public static Trainer loadCheckpoint(Path file, int threads, int steps) throws IOException {
        return loadCheckpoint(file, threads, steps, Execution.LAYERED);
    }

    /** A checkpoint resumed with the given execution (layered or unlayered; not recorded in the file). */
    public static Trainer loadCheckpoint(Path file, int threads, int steps, Execution execution) throws IOException {
        return read(file, in -> {
            int magic = in.readInt();
            if (magic != CHECKPOINT_MAGIC && magic != CHECKPOINT_MAGIC_1) {
                throw new IOException("checkpoint " + file + ": magic 0x" + Integer.toHexString(magic)
                        + " is not an snn4j training checkpoint");
            }
            Model model = readModel(in, file);
            Trainer.Config c;
            try {
                c = new Trainer.Config(in.readInt(), in.readInt(), in.readDouble(), in.readDouble(), in.readBoolean(),
                        in.readLong(), threads);
            } catch (IllegalArgumentException e) {
                throw new IOException("checkpoint " + file + ": " + e.getMessage() + " (corrupt file?)", e);
            }
            int done = in.readInt();
            if (done < 0) {
                throw new IOException("checkpoint " + file + ": epochs done " + done + ": must be >= 0 (corrupt file?)");
            }
            Trainer trainer = new Trainer(model, c, steps, execution);
            trainer.restore(done);
            Adam adam = trainer.adam();
            adam.step = in.readLong();
            if (adam.step < 0) {
                throw new IOException("checkpoint " + file + ": optimizer step " + adam.step + ": must be >= 0 (corrupt file?)");
            }
            for (int p = 0; p < adam.m.length; p++) {
                readFloats(in, adam.m[p], file, "adam.m[" + p + "]");
                readFloats(in, adam.v[p], file, "adam.v[" + p + "]");
            }
            requireEnd(in, file, magic == CHECKPOINT_MAGIC);
            return trainer;
        });
    }

    private static void writeModel(Model model, DataOutputStream out) throws IOException {
        ModelSpec s = model.spec;
        out.writeInt(s.inputs());
        out.writeDouble(s.dtSeconds());
        out.writeUTF(s.surrogate().toString());
        out.writeUTF(s.loss().label);
        out.writeBoolean(s.detachReset());
        out.writeInt(model.weightBits());
        out.writeDouble(model.quantPercentile());
        out.writeInt(s.layers().size());
        for (int l = 0; l < s.layers().size(); l++) {
            LayerSpec ls = s.layers().get(l);
            CubaLif n = ls.neuron();
            out.writeUTF(ls.name());
            out.writeInt(ls.size());
            out.writeDouble(n.tauMemSeconds());
            out.writeDouble(n.tauSynSeconds(0));
            out.writeDouble(n.vLeak());
            out.writeDouble(n.vThreshold());
            out.writeDouble(n.vReset());
            out.writeUTF(n.resetMode().name());
            out.writeDouble(n.biasCurrent());
            out.writeDouble(n.resistance());
            int[] taps = ls.taps();
            out.writeInt(taps.length);
            for (int t : taps) {
                out.writeInt(t);
            }
            out.writeBoolean(ls.recurrent());
            out.writeBoolean(ls.bias());
            out.writeBoolean(ls.spiking());
            out.writeBoolean(ls.trainTau());
        }
        for (Model.Layer layer : model.layers) {
            out.writeBoolean(layer.maskIn != null);
            if (layer.maskIn != null) {
                for (byte[] mask : layer.maskIn) {
                    out.write(mask);
                }
            }
        }
        for (float[] t : model.tensors()) {
            writeFloats(out, t);
        }
    }

    private static Model readModel(DataInputStream in, Path file) throws IOException {
        try {
            int inputs = in.readInt();
            double dt = in.readDouble();
            Surrogate sg = Surrogate.parse(in.readUTF());
            Loss loss = Loss.parse(in.readUTF());
            boolean detach = in.readBoolean();
            int bits = in.readInt();
            double percentile = in.readDouble();
            int count = in.readInt();
            if (count < 1 || count > 1000) {
                throw new IOException("model file " + file + ": layer count " + count + " is not plausible");
            }
            List<LayerSpec> layers = new ArrayList<>();
            for (int l = 0; l < count; l++) {
                String name = in.readUTF();
                int size = in.readInt();
                CubaLif neuron = CubaLif.builder().tauMemSeconds(in.readDouble()).tauSynSeconds(in.readDouble())
                        .vLeak(in.readDouble()).vThreshold(in.readDouble()).vReset(in.readDouble())
                        .resetMode(resetMode(in.readUTF(), file)).biasCurrent(in.readDouble())
                        .resistance(in.readDouble()).refractorySeconds(0).build();
                int tapCount = in.readInt();
                if (tapCount < 1 || tapCount > Short.MAX_VALUE) {
                    throw new IOException("model file " + file + ": layer " + l + " has " + tapCount
                            + " candidate delays (corrupt?)");
                }
                int[] taps = new int[tapCount];
                for (int k = 0; k < taps.length; k++) {
                    taps[k] = in.readInt();
                }
                layers.add(new LayerSpec(name, size, neuron, taps, in.readBoolean(), in.readBoolean(), in.readBoolean(),
                        in.readBoolean()));
            }
            ModelSpec spec = new ModelSpec(inputs, dt, layers, sg, loss, detach);
            // every parameter is stored, 4 bytes each: a header that promises more than the file holds is corrupt,
            // and is refused before anything that large is allocated
            double floats = 0; // in double: a corrupt header's sizes can overflow a long
            double m = inputs;
            for (LayerSpec ls : layers) {
                floats += (double) ls.tapCount() * m * ls.size() + (ls.recurrent() ? (double) ls.size() * ls.size() : 0);
                m = ls.size();
            }
            if (4 * floats > Files.size(file)) {
                throw new IOException("model file " + file + ": the header promises " + String.format("%.3g", floats)
                        + " weights, more than the " + Files.size(file) + " bytes of the file can hold (corrupt or"
                        + " truncated)");
            }
            Model model = new Model(spec, 0);
            for (Model.Layer layer : model.layers) {
                if (in.readBoolean()) {
                    layer.ensureMasks();
                    for (byte[] mask : layer.maskIn) {
                        in.readFully(mask);
                    }
                }
            }
            int t = 0;
            for (float[] tensor : model.tensors()) {
                readFloats(in, tensor, file, "tensor " + t++);
            }
            if (bits != 0) {
                model.quantize(bits, percentile);
            }
            model.refresh();
            return model;
        } catch (EOFException e) {
            throw new IOException("model file " + file + ": truncated", e);
        } catch (java.io.UTFDataFormatException e) {
            throw new IOException("model file " + file + ": a text field is malformed (corrupt, or not a model file)", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("model file " + file + ": " + e.getMessage(), e);
        }
    }

    private static ResetMode resetMode(String name, Path file) throws IOException {
        for (ResetMode m : ResetMode.values()) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new IOException("model file " + file + ": reset mode '" + name + "' is none of TO_VALUE, SUBTRACT (corrupt?)");
    }

    private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float x : a) {
            out.writeInt(Float.floatToRawIntBits(x));
        }
    }

    private static void readFloats(DataInputStream in, float[] into, Path file, String what) throws IOException {
        int n = in.readInt();
        if (n != into.length) {
            throw new IOException("model file " + file + ": " + what + " holds " + n + " values, the architecture needs "
                    + into.length);
        }
        for (int i = 0; i < n; i++) {
            into[i] = Float.intBitsToFloat(in.readInt());
        }
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(CheckedData in) throws IOException;
    }

    /** The file's data, with the CRC-32 of everything read so far. */
    private static final class CheckedData extends DataInputStream {
        final CRC32 crc;

        CheckedData(java.io.InputStream raw, CRC32 crc) {
            super(new CheckedInputStream(raw, crc));
            this.crc = crc;
        }
    }

    private static void write(Path file, Writer w) throws IOException {
        SafeFiles.write(file, out -> {
            BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
            CheckedOutputStream checked = new CheckedOutputStream(buffered, new CRC32());
            DataOutputStream data = new DataOutputStream(checked);
            w.write(data);
            data.flush();
            new DataOutputStream(buffered).writeInt((int) checked.getChecksum().getValue());
            buffered.flush();
        });
    }

    private static <T> T read(Path file, Reader<T> r) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("model file " + file + ": not found");
        }
        try (CheckedData in = new CheckedData(new BufferedInputStream(Files.newInputStream(file), 1 << 16), new CRC32())) {
            return r.read(in);
        } catch (EOFException e) {
            throw new IOException("model file " + file + ": truncated", e);
        }
    }
}
