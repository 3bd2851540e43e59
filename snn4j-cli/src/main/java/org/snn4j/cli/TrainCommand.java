package org.snn4j.cli;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.snn4j.model.ResetMode;
import org.snn4j.registry.Registry;
import org.snn4j.train.Datasets;
import org.snn4j.train.Execution;
import org.snn4j.train.Loss;
import org.snn4j.train.ModelOptions;
import org.snn4j.train.Surrogate;
import org.snn4j.train.Trainer;
import org.snn4j.train.TrainingPlan;
import org.snn4j.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snn4j train}: surrogate-gradient training on Fashion-MNIST / MNIST or the delay task. */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Train a spiking network by surrogate-gradient BPTT (weights, biases, delay taps).",
            "Defaults: 784-256-10 LIF, beta 0.9, threshold 1, no synaptic filter, subtractive reset, rate coding,",
            "25 steps, batch 128, Adam 5e-4, fast sigmoid 25, cross-entropy on output spike counts.",
            "Prints one JSON line per epoch on stdout."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", completionCandidates = DatasetNames.class,
            description = "${COMPLETION-CANDIDATES}: fashion-mnist and mnist are the IDX files in --data, shd"
                    + " shd_train.h5 and shd_test.h5 in --data (binned into --steps steps over 1.4 s), delay the"
                    + " built-in temporal task")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR", description = "folder with the four IDX files (.gz or not)")
    Path data;

    @Option(names = "--hidden", split = ",", defaultValue = "256", paramLabel = "N[,N...]", description = "hidden layer sizes")
    int[] hidden;

    @Option(names = "--steps", defaultValue = "25", description = "time steps per sample")
    int steps;

    @Option(names = "--epochs", defaultValue = "1", description = "epochs to train (in all, counting a resumed checkpoint's)")
    int epochs;

    @Option(names = "--batch", defaultValue = "128", description = "samples per batch")
    int batch;

    @Option(names = "--lr", defaultValue = "5e-4", description = "Adam learning rate")
    double lr;

    @Option(names = "--weight-decay", defaultValue = "0", description = "decoupled (AdamW) weight decay")
    double weightDecay;

    @Option(names = "--cosine", description = "cosine learning-rate decay to 0 over the epochs")
    boolean cosine;

    @Option(names = "--beta", defaultValue = "0.9", description = "membrane decay per step")
    double beta;

    @Option(names = "--tau-syn-steps", defaultValue = "0", description = "synaptic time constant in steps (0: no filter)")
    double tauSynSteps;

    @Option(names = "--reset", defaultValue = "subtract", completionCandidates = ResetNames.class,
            description = "${COMPLETION-CANDIDATES}")
    String reset;

    @Option(names = "--detach-reset", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "cut the reset from the gradient (snnTorch default)")
    boolean detachReset;

    @Option(names = "--surrogate", defaultValue = "fast-sigmoid:25", completionCandidates = SurrogateNames.class,
            description = "NAME[:scale], NAME one of ${COMPLETION-CANDIDATES} (smooth only for gradient checks)")
    String surrogate;

    @Option(names = "--loss", defaultValue = "ce-count", completionCandidates = LossNames.class,
            description = "${COMPLETION-CANDIDATES}")
    String loss;

    @Option(names = "--no-bias", description = "no bias drive (a bias can make a neuron a clock that reveals absolute time)")
    boolean noBias;

    @Option(names = "--recurrent", description = "recurrent hidden layers")
    boolean recurrent;

    @Option(names = "--train-tau", description = "train the time constants")
    boolean trainTau;

    @Option(names = "--delays", paramLabel = "MAX[:STRIDE]",
            description = "learned delays: candidate delays 0, STRIDE, ..., MAX steps on the hidden layers' inputs")
    String delays;

    @Option(names = "--max-delay", defaultValue = "62", description = "largest delay allowed (Loihi: 62)")
    int maxDelay;

    @Option(names = "--prune", paramLabel = "K", description = "after training, keep the K best delays per synapse and "
            + "train --prune-epochs more")
    Integer prune;

    @Option(names = "--prune-axonal", description = "prune per axon (input neuron) instead of per synapse")
    boolean pruneAxonal;

    @Option(names = "--prune-epochs", defaultValue = "1", description = "epochs trained after --prune")
    int pruneEpochs;

    @Option(names = "--bits", description = "quantize weights to this many bits (straight-through estimator)")
    Integer bits;

    @Option(names = "--hardware", paramLabel = "CHIP", completionCandidates = EngineChoice.Hardware.class,
            description = "train within a chip's limits: ${COMPLETION-CANDIDATES}; loihi sets --bits 8 and "
                    + "--max-fan-in 4096 unless given (and refuses larger ones or --max-delay over 62); xylo sets --bits 8, "
                    + "--no-bias and --beta, --tau-syn-steps to its bit-shift decays, and needs --tau-syn-steps >= 2 and no "
                    + "--delays (snn4j map checks the rest)")
    String hardware;

    @Option(names = "--quant-percentile", defaultValue = "100", description = "percentile of |w| mapped to the top level")
    double quantPercentile;

    @Option(names = "--max-fan-in", description = "keep at most this many input synapses per neuron (after the first epoch)")
    Integer maxFanIn;

    @Option(names = "--execution", defaultValue = "layered",
            description = "how a step runs in training: layered (the clock engine's step) or unlayered, as the event "
                    + "engine's asynchronous schedule: random, momentum or fifo")
    String execution;

    @Option(names = "--group", defaultValue = "1", description = "unlayered training: spikes emitted per cycle (F)")
    int group;

    @Option(names = "--cycles-per-step", defaultValue = "0",
            description = "unlayered training: processing cycles per step (0: until nothing is pending)")
    int cyclesPerStep;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the initial weights, the encoding and the "
            + "order of the samples")
    long seed;

    @Option(names = "--threads", description = "worker threads (default: the cores); results do not depend on it")
    Integer threads;

    @Option(names = "--limit", description = "use only the first N training and test samples")
    Integer limit;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "resume from FILE if it exists; save it after every epoch")
    Path checkpoint;

    @Option(names = "--save", paramLabel = "FILE", description = "write the trained model here")
    Path save;

    @Option(names = "--plot", paramLabel = "DIR", description = "write training curves (PNG)")
    Path plot;

    @Option(names = "--no-progress", description = "never show the progress bar")
    boolean noProgress;

    /** --hardware: the quantization, fan-in and delay limits of the chip, set or checked. */
    private void hardwareLimits() {
        if (hardware == null) {
            return;
        }
        org.snn4j.hardware.FixedPoint.Chip chip = Options.choice("--hardware", org.snn4j.engine.EngineOptions.HARDWARE,
                hardware);
        if (bits != null && bits > 8) {
            throw new IllegalArgumentException("--bits " + bits + ": --hardware " + hardware + " holds 8-bit weights");
        }
        bits = bits == null ? 8 : bits;
        if (chip == org.snn4j.hardware.FixedPoint.Chip.LOIHI) {
            int axons = org.snn4j.hardware.ChipMap.LOIHI_INPUT_AXONS;
            if (maxFanIn != null && maxFanIn > axons) {
                throw new IllegalArgumentException("--max-fan-in " + maxFanIn + ": a Loihi core takes " + axons
                        + " input axons");
            }
            maxFanIn = maxFanIn == null ? axons : maxFanIn;
            if (maxDelay > org.snn4j.hardware.FixedPoint.LOIHI_MAX_DELAY) {
                throw new IllegalArgumentException("--max-delay " + maxDelay + ": Loihi's delays go up to "
                        + org.snn4j.hardware.FixedPoint.LOIHI_MAX_DELAY);
            }
        } else {
            if (tauSynSteps < 2) {
                throw new IllegalArgumentException("--tau-syn-steps " + tauSynSteps + ": Xylo's synaptic current is"
                        + " decayed before it reaches V; give 2 or more");
            }
            if (delays != null) {
                throw new IllegalArgumentException("--delays " + delays + ": Xylo has no synaptic delays");
            }
            noBias = true; // Xylo's neurons have no bias
            // the decays Xylo has, 1 - 2^-dash with dash = round(log2(tau / dt)), so the trained model is the chip's
            int dashMem = org.snn4j.hardware.XyloLif.dash(-1 / Math.log(beta), 1);
            int dashSyn = org.snn4j.hardware.XyloLif.dash(tauSynSteps, 1);
            double xyloBeta = 1 - Math.pow(2, -dashMem);
            double xyloTauSyn = -1 / Math.log1p(-Math.pow(2, -dashSyn));
            if (xyloBeta != beta || xyloTauSyn != tauSynSteps) {
                spec.commandLine().getErr().println("--hardware xylo: --beta " + xyloBeta + " and --tau-syn-steps "
                        + (float) xyloTauSyn + " (Xylo's bit-shift decays 1 - 2^-" + dashMem + " and 1 - 2^-" + dashSyn
                        + ")");
            }
            beta = xyloBeta;
            tauSynSteps = xyloTauSyn;
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        hardwareLimits();
        TrainingPlan plan = plan(checkpoint, save);
        Options.output("--save", save, data, checkpoint);
        if (checkpoint != null && !Files.isRegularFile(checkpoint)) {
            Options.output("--checkpoint", checkpoint, data);
        }
        Options.outputFolder("--plot", plot);
        Datasets.Split data = datasets();
        List<double[]> curve = new ArrayList<>();
        List<double[]> batches = new ArrayList<>();
        TrainingRun.run(plan, data, new TrainingRun.Listener() {
            @Override
            public void resumed(int epochsDone) {
                err.println("resumed from " + checkpoint + " after epoch " + epochsDone);
            }

            @Override
            public void pruned(int k, boolean axonal) {
                err.println("pruned to " + k + " delay(s) per " + (axonal ? "axon" : "synapse"));
            }

            @Override
            public Trainer.Progress epochStarting(int epoch) {
                Trainer.Progress bar = progressBar(err, "epoch " + epoch, !noProgress);
                return (done, all, l, a) -> {
                    bar.batch(done, all, l, a);
                    batches.add(new double[] {epoch, done, all, l, a});
                };
            }

            @Override
            public void epochDone(TrainingRun.Epoch e) {
                out.println(row(e));
                out.flush();
                curve.add(new double[] {e.epoch(), e.trainLoss(), e.trainAccuracy(), e.testAccuracy(), e.testLoss()});
            }
        });
        if (plot != null && !curve.isEmpty()) {
            plot(curve, batches, data.train());
        }
        return 0;
    }

    /** A progress bar told after every batch: loss, accuracy and samples per second. */
    static Trainer.Progress progressBar(PrintWriter err, String label, boolean show) {
        ProgressBar bar = new ProgressBar(err, label, show);
        long t0 = System.nanoTime();
        return (done, all, l, a) -> {
            bar.detail(String.format("loss %.4f  acc %.3f  %.0f samples/s", l, a, done / ((System.nanoTime() - t0) * 1e-9)));
            bar.progress(done, all);
        };
    }

    /** The JSON line of one epoch. */
    static Json row(TrainingRun.Epoch e) {
        return new Json().put("epoch", e.epoch()).put("execution", e.execution()).put("t_epoch_s", e.seconds())
                .put("train_loss", e.trainLoss()).put("train_acc", e.trainAccuracy()).put("test_loss", e.testLoss())
                .put("test_acc", e.testAccuracy())
                .put("test_spike_density", e.testSpikeDensity())
                .put("test_synops_per_sample", e.testSynOpsPerSample())
                .put("samples_per_s", e.samplesPerSecond()).put("threads", e.threads())
                .put("model_bits", e.modelBits()).put("synapses", e.synapses());
    }

    /** The options as the library's training plan, with this checkpoint and model file (checked, nothing run). */
    TrainingPlan plan(Path checkpointFile, Path saveFile) {
        Options.atLeast("--steps", steps, 1);
        Options.atLeast("--epochs", epochs, 1);
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Options.atLeast("--threads", workers, 1);
        if (threads != null && threads > Trainer.SHARDS) {
            throw new IllegalArgumentException("--threads " + threads + ": a batch is cut into " + Trainer.SHARDS
                    + " shards, so at most " + Trainer.SHARDS + " threads have work");
        }
        int threadCount = Math.min(workers, Trainer.SHARDS);
        Options.atLeast("--batch", batch, 1);
        Options.positive("--lr", lr);
        Options.nonNegative("--weight-decay", weightDecay);
        Options.atLeast("--prune-epochs", pruneEpochs, 0);
        if (limit != null) {
            Options.atLeast("--limit", limit, 1);
        }
        Options.choice("--dataset", Datasets.BY_NAME, dataset);
        ModelOptions model = modelOptions();
        Execution exec = execution();
        return Options.asOption(() -> new TrainingPlan(model, steps, epochs, batch, lr, weightDecay, cosine, seed,
                threadCount, exec, bits, quantPercentile, prune, pruneAxonal, pruneEpochs, maxFanIn, checkpointFile,
                saveFile));
    }

    private Execution execution() {
        if (execution.equals("synchronous")) {
            throw new IllegalArgumentException("--execution synchronous: use layered (the same step, faster)");
        }
        try {
            return new Execution(execution, group, cyclesPerStep);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--execution " + execution + " --group " + group + " --cycles-per-step "
                    + cyclesPerStep + ": " + e.getMessage());
        }
    }

    Datasets.Split datasets() throws IOException {
        return Datasets.load(dataset, data, steps, seed, limit);
    }

    private ModelOptions modelOptions() {
        Options.positive("--beta", beta);
        if (!(beta < 1)) {
            throw new IllegalArgumentException("--beta " + beta + ": must be < 1");
        }
        Options.nonNegative("--tau-syn-steps", tauSynSteps);
        ResetMode mode = Options.choice("--reset", RESETS, reset);
        int[] taps = {0};
        if (delays != null) {
            String[] p = delays.split(":", -1);
            int max = delayNumber(p[0]);
            int stride = p.length > 1 ? delayNumber(p[1]) : 1;
            if (p.length > 2) {
                throw new IllegalArgumentException("--delays " + delays + ": expected MAX or MAX:STRIDE");
            }
            Options.atLeast("--delays stride", stride, 1);
            if (max > maxDelay) {
                throw new IllegalArgumentException("--delays " + delays + ": largest delay " + max
                        + " exceeds --max-delay " + maxDelay);
            }
            taps = ModelOptions.taps(max, stride);
        }
        for (int h : hidden) {
            Options.atLeast("--hidden", h, 1);
        }
        Loss l = Options.choice("--loss", Loss.BY_NAME, loss);
        Surrogate sg = Surrogate.parse(surrogate);
        if (sg.isSmooth()) {
            throw new IllegalArgumentException("--surrogate " + surrogate + ": smooth is for gradient checks, not training");
        }
        return new ModelOptions(hidden, beta, tauSynSteps, mode, taps, recurrent, !noBias, trainTau, sg, l, detachReset);
    }

    private int delayNumber(String text) {
        try {
            int v = Integer.parseInt(text.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--delays " + delays + ": expected MAX[:STRIDE], whole numbers of steps >= 0");
    }

    /** The reset modes by their names here: subtract (snnTorch's default) and zero. */
    static final Registry<ResetMode> RESETS = Registry.<ResetMode>of("reset").add("subtract", ResetMode.SUBTRACT)
            .add("zero", ResetMode.TO_VALUE).build();

    /** Names for the help texts. */
    static final class DatasetNames extends Names {
        DatasetNames() {
            super(Datasets.BY_NAME);
        }
    }

    static final class LossNames extends Names {
        LossNames() {
            super(Loss.BY_NAME);
        }
    }

    static final class SurrogateNames extends Names {
        SurrogateNames() {
            super(Surrogate.BY_NAME);
        }
    }

    static final class ResetNames extends Names {
        ResetNames() {
            super(RESETS);
        }
    }

    /**
     * Training curves: the running training loss and accuracy after every batch (mean over the epoch so
     * far), the test accuracy after every epoch; dataset, architecture and execution in the titles.
     */
    private void plot(List<double[]> curve, List<double[]> batches, org.snn4j.train.Samples train) throws IOException {
        StringBuilder arch = new StringBuilder().append(train.inputs());
        for (int h : hidden) {
            arch.append('-').append(h);
        }
        arch.append('-').append(train.classes());
        String what = dataset + ", " + arch + ", " + execution;
        List<double[]> points = windows(batches);
        double[] bx = column(points, 0);
        XYChart acc = new XYChartBuilder().width(900).height(500).title("accuracy: " + what).xAxisTitle("epoch")
                .yAxisTitle("accuracy").build();
        acc.getStyler().setYAxisDecimalPattern("0.00").setChartBackgroundColor(Color.WHITE).setMarkerSize(6);
        acc.addSeries("train (mean over about 1/20 epoch)", bx, column(points, 2))
                .setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        acc.addSeries("test (after each epoch)", column(curve, 0), column(curve, 3))
                .setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        XYChart lc = new XYChartBuilder().width(900).height(500).title("loss: " + what).xAxisTitle("epoch")
                .yAxisTitle("loss").build();
        lc.getStyler().setYAxisDecimalPattern("0.00").setChartBackgroundColor(Color.WHITE);
        lc.addSeries("train (mean over about 1/20 epoch)", bx, column(points, 1))
                .setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        lc.addSeries("test (after each epoch)", column(curve, 0), column(curve, 4))
                .setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        lc.getStyler().setMarkerSize(6);
        var a = BitmapEncoder.getBufferedImage(acc);
        var b = BitmapEncoder.getBufferedImage(lc);
        AtomicFiles.write(plot.resolve("accuracy.png"), o -> ImageIO.write(a, "png", o));
        AtomicFiles.write(plot.resolve("loss.png"), o -> ImageIO.write(b, "png", o));
    }

    /**
     * From the per-batch running means of each epoch (epoch, samples done, samples in all, mean loss and
     * accuracy so far) to means over windows of about 1/20 epoch: (epoch position, loss, accuracy).
     */
    private static List<double[]> windows(List<double[]> batches) {
        List<double[]> out = new ArrayList<>();
        double doneBefore = 0;
        double lossBefore = 0;
        double accBefore = 0;
        double epoch = 0;
        for (double[] b : batches) {
            if (b[0] != epoch) {
                epoch = b[0];
                doneBefore = 0;
                lossBefore = 0;
                accBefore = 0;
            }
            double done = b[1];
            double all = b[2];
            boolean last = done >= all;
            if (done - doneBefore >= all / 20 || last) {
                double n = done - doneBefore;
                out.add(new double[] {epoch - 1 + (done - n / 2) / all, (b[3] * done - lossBefore) / n,
                    (b[4] * done - accBefore) / n});
                doneBefore = done;
                lossBefore = b[3] * done;
                accBefore = b[4] * done;
            }
        }
        return out;
    }

    private static double[] column(List<double[]> rows, int c) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[c];
        }
        return out;
    }
}
