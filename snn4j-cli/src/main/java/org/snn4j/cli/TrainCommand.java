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
import org.snn4j.data.EventSet;
import org.snn4j.data.ImageSet;
import org.snn4j.model.CubaLif;
import org.snn4j.model.ResetMode;
import org.snn4j.train.DelayTask;
import org.snn4j.train.EventSamples;
import org.snn4j.train.Execution;
import org.snn4j.train.ImageSamples;
import org.snn4j.train.LayerSpec;
import org.snn4j.train.Loss;
import org.snn4j.train.Model;
import org.snn4j.train.ModelFile;
import org.snn4j.train.ModelSpec;
import org.snn4j.train.Samples;
import org.snn4j.train.Surrogate;
import org.snn4j.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snn4j train}: surrogate-gradient training on Fashion-MNIST / MNIST or the delay task. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a spiking network by surrogate-gradient BPTT (weights, biases, delay taps).",
            "Defaults: 784-256-10 LIF, beta 0.9, threshold 1, no synaptic filter, subtractive reset, rate coding,",
            "25 steps, batch 128, Adam 5e-4, fast sigmoid 25, cross-entropy on output spike counts.",
            "Prints one JSON line per epoch on stdout."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", defaultValue = "fashion-mnist",
            description = "fashion-mnist, mnist (IDX files in --data), shd (shd_train.h5 and shd_test.h5 in --data,"
                    + " binned into --steps steps over 1.4 s) or delay (the built-in temporal task)")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR", description = "folder with the four IDX files (.gz or not)")
    Path data;

    @Option(names = "--hidden", split = ",", defaultValue = "256", paramLabel = "N[,N...]", description = "hidden layer sizes")
    int[] hidden;

    @Option(names = "--steps", defaultValue = "25", description = "time steps per sample")
    int steps;

    @Option(names = "--epochs", defaultValue = "1", description = "epochs to train (in all, counting a resumed checkpoint's)")
    int epochs;

    @Option(names = "--batch", defaultValue = "128")
    int batch;

    @Option(names = "--lr", defaultValue = "5e-4")
    double lr;

    @Option(names = "--weight-decay", defaultValue = "0", description = "decoupled (AdamW) weight decay")
    double weightDecay;

    @Option(names = "--cosine", description = "cosine learning-rate decay to 0 over the epochs")
    boolean cosine;

    @Option(names = "--beta", defaultValue = "0.9", description = "membrane decay per step")
    double beta;

    @Option(names = "--tau-syn-steps", defaultValue = "0", description = "synaptic time constant in steps (0: no filter)")
    double tauSynSteps;

    @Option(names = "--reset", defaultValue = "subtract", description = "subtract or zero")
    String reset;

    @Option(names = "--detach-reset", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "cut the reset from the gradient (snnTorch default; default: ${DEFAULT-VALUE})")
    boolean detachReset;

    @Option(names = "--surrogate", defaultValue = "fast-sigmoid:25", description = "fast-sigmoid[:slope] or arctan[:alpha]")
    String surrogate;

    @Option(names = "--loss", defaultValue = "ce-count", description = "ce-count, mse-count, ce-max-membrane, ce-mean-membrane")
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

    @Option(names = "--prune-epochs", defaultValue = "1")
    int pruneEpochs;

    @Option(names = "--bits", description = "quantize weights to this many bits (straight-through estimator)")
    Integer bits;

    @Option(names = "--quant-percentile", defaultValue = "100", description = "percentile of |w| mapped to the top level")
    double quantPercentile;

    @Option(names = "--max-fan-in", description = "keep at most this many input synapses per neuron (after the first epoch)")
    Integer maxFanIn;

    @Option(names = "--execution", defaultValue = "layered",
            description = "how a step runs in training: layered (the clock engine's step) or unlayered, as the event "
                    + "engine's asynchronous schedule: random, momentum or fifo (default: ${DEFAULT-VALUE})")
    String execution;

    @Option(names = "--group", defaultValue = "1", description = "unlayered training: spikes emitted per cycle (F)")
    int group;

    @Option(names = "--cycles-per-step", defaultValue = "0",
            description = "unlayered training: processing cycles per step (0: until nothing is pending)")
    int cyclesPerStep;

    @Option(names = "--seed", defaultValue = "0")
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

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Options.atLeast("--steps", steps, 1);
        Options.atLeast("--epochs", epochs, 1);
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Options.atLeast("--threads", workers, 1);
        Execution exec = execution();
        Samples[] sets = datasets();
        Samples train = sets[0];
        Samples test = sets[1];
        Trainer trainer;
        if (checkpoint != null && Files.exists(checkpoint)) {
            trainer = ModelFile.loadCheckpoint(checkpoint, workers, steps, exec);
            err.println("resumed from " + checkpoint + " after epoch " + trainer.epochsDone());
        } else {
            Model model = new Model(modelSpec(train), seed);
            if (bits != null) {
                model.quantize(bits, quantPercentile);
            }
            trainer = new Trainer(model, new Trainer.Config(epochs + (prune != null ? pruneEpochs : 0), batch, lr,
                    weightDecay, cosine, seed, workers), steps, exec);
        }
        List<double[]> curve = new ArrayList<>();
        try (trainer) {
            // --epochs counts a resumed checkpoint's epochs too (the cosine schedule keeps the checkpoint's length)
            int total = epochs + (prune != null ? pruneEpochs : 0);
            while (trainer.epochsDone() < total) {
                int e = trainer.epochsDone();
                if (prune != null && e == total - pruneEpochs) {
                    trainer.model().pruneDelays(prune, pruneAxonal);
                    err.println("pruned to " + prune + " delay(s) per " + (pruneAxonal ? "axon" : "synapse"));
                }
                if (maxFanIn != null && e == 1) {
                    trainer.model().limitFanIn(maxFanIn);
                }
                ProgressBar bar = new ProgressBar(err, "epoch " + (e + 1), !noProgress);
                long t0 = System.nanoTime();
                Trainer.EpochResult r = trainer.trainEpoch(train, (done, all, l, a) -> {
                    bar.detail(String.format("loss %.4f  acc %.3f  %.0f samples/s", l, a,
                            done / ((System.nanoTime() - t0) * 1e-9)));
                    bar.progress(done, all);
                });
                Trainer.Evaluation ev = trainer.evaluate(test, Trainer.Progress.NONE);
                Json row = new Json().put("epoch", r.epoch()).put("execution", exec.label()).put("t_epoch_s", r.seconds())
                        .put("train_loss", r.loss()).put("train_acc", r.accuracy()).put("test_acc", ev.accuracy())
                        .put("test_spike_density", ev.spikeDensity())
                        .put("test_synops_per_sample", (double) ev.synOps() / ev.samples())
                        .put("samples_per_s", train.count() / r.seconds()).put("threads", workers)
                        .put("model_bits", trainer.model().sizeBits()).put("synapses", trainer.model().synapseCount());
                out.println(row);
                out.flush();
                curve.add(new double[] {r.epoch(), r.loss(), r.accuracy(), ev.accuracy()});
                if (checkpoint != null) {
                    ModelFile.saveCheckpoint(trainer, checkpoint);
                }
            }
            if (save != null) {
                ModelFile.save(trainer.model(), save);
            }
        }
        if (plot != null && !curve.isEmpty()) {
            plot(curve);
        }
        return 0;
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

    private Samples[] datasets() throws IOException {
        if (limit != null) {
            Options.atLeast("--limit", limit, 1);
        }
        return datasets(dataset, data, steps, seed, limit);
    }

    /**
     * The training and test sets of a --dataset (the test set's encoding depends only on seed + 1, so
     * {@code snn4j eval} sees what {@code train} tested on); {@code limit} cuts both (null: all;
     * the delay task then has 2,000 training samples).
     */
    /** SHD samples are binned over their first 1.4 s (the recordings' length is at most about 1.4 s). */
    static final double SHD_WINDOW_S = 1.4;

    static Samples[] datasets(String dataset, Path data, int steps, long seed, Integer limit) throws IOException {
        switch (dataset) {
            case "fashion-mnist", "mnist" -> {
                if (data == null) {
                    throw new IllegalArgumentException("--data: required for --dataset " + dataset
                            + " (a folder with the IDX files)");
                }
                ImageSet tr = ImageSet.readMnistLayout(data, true);
                ImageSet te = ImageSet.readMnistLayout(data, false);
                if (limit != null) {
                    tr = tr.head(limit);
                    te = te.head(limit);
                }
                return new Samples[] {new ImageSamples(tr, steps, ImageSamples.Coding.RATE, seed),
                    new ImageSamples(te, steps, ImageSamples.Coding.RATE, seed + 1)};
            }
            case "shd" -> {
                if (data == null) {
                    throw new IllegalArgumentException("--data: required for --dataset shd (a folder with shd_train.h5"
                            + " and shd_test.h5)");
                }
                EventSet tr = EventSet.readShd(data.resolve("shd_train.h5"), EventSet.SHD_CHANNELS);
                EventSet te = EventSet.readShd(data.resolve("shd_test.h5"), EventSet.SHD_CHANNELS);
                if (limit != null) {
                    tr = tr.head(limit);
                    te = te.head(limit);
                }
                // both sets need the same class count for the output layer: SHD's 20 (labels 0..19)
                if (te.classes() > tr.classes()) {
                    throw new IllegalArgumentException("--data " + data + ": the test set has labels up to "
                            + (te.classes() - 1) + ", the training set only up to " + (tr.classes() - 1));
                }
                return new Samples[] {new EventSamples(tr, steps, SHD_WINDOW_S), new EventSamples(te, steps, SHD_WINDOW_S)};
            }
            case "delay" -> {
                int n = limit != null ? limit : 2000;
                int gap = Math.max(1, steps / 2);
                return new Samples[] {new DelayTask(n, steps, gap, seed), new DelayTask(Math.max(1, n / 4), steps, gap,
                        seed + 7919)};
            }
            default -> throw new IllegalArgumentException("--dataset " + dataset
                    + ": unknown, expected fashion-mnist, mnist, shd or delay");
        }
    }

    private ModelSpec modelSpec(Samples train) {
        Options.positive("--beta", beta);
        if (!(beta < 1)) {
            throw new IllegalArgumentException("--beta " + beta + ": must be < 1");
        }
        Options.nonNegative("--tau-syn-steps", tauSynSteps);
        double dt = 1e-3;
        ResetMode mode = switch (reset) {
            case "subtract" -> ResetMode.SUBTRACT;
            case "zero" -> ResetMode.TO_VALUE;
            default -> throw new IllegalArgumentException("--reset " + reset + ": unknown, expected subtract or zero");
        };
        CubaLif lif = CubaLif.builder().tauMemSeconds(-dt / Math.log(beta)).tauSynSeconds(tauSynSteps * dt).vLeak(0)
                .vThreshold(1).vReset(0).resetMode(mode).refractorySeconds(0).resistance(1).build();
        int[] taps = {0};
        if (delays != null) {
            String[] p = delays.split(":");
            int max = Integer.parseInt(p[0]);
            int stride = p.length > 1 ? Integer.parseInt(p[1]) : 1;
            Options.atLeast("--delays stride", stride, 1);
            if (max > maxDelay) {
                throw new IllegalArgumentException("--delays " + delays + ": largest delay " + max
                        + " exceeds --max-delay " + maxDelay);
            }
            taps = new int[max / stride + 1];
            for (int k = 0; k < taps.length; k++) {
                taps[k] = k * stride;
            }
        }
        Loss l = Loss.parse(loss);
        List<LayerSpec> layers = new ArrayList<>();
        for (int h = 0; h < hidden.length; h++) {
            Options.atLeast("--hidden", hidden[h], 1);
            layers.add(new LayerSpec("hidden" + (h + 1), hidden[h], lif, taps, recurrent, !noBias, true, trainTau));
        }
        layers.add(new LayerSpec("output", train.classes(), lif, new int[] {0}, false, !noBias, !l.onMembrane(), trainTau));
        Surrogate sg = Surrogate.parse(surrogate);
        if (sg.isSmooth()) {
            throw new IllegalArgumentException("--surrogate " + surrogate + ": smooth is for gradient checks, not training");
        }
        return new ModelSpec(train.inputs(), dt, layers, sg, l, detachReset);
    }

    private void plot(List<double[]> curve) throws IOException {
        double[] x = new double[curve.size()];
        double[] loss1 = new double[curve.size()];
        double[] tr = new double[curve.size()];
        double[] te = new double[curve.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = curve.get(i)[0];
            loss1[i] = curve.get(i)[1];
            tr[i] = curve.get(i)[2];
            te[i] = curve.get(i)[3];
        }
        XYChart acc = new XYChartBuilder().width(800).height(500).title("accuracy").xAxisTitle("epoch")
                .yAxisTitle("accuracy").build();
        acc.getStyler().setChartBackgroundColor(Color.WHITE);
        acc.addSeries("train", x, tr);
        acc.addSeries("test", x, te);
        XYChart lc = new XYChartBuilder().width(800).height(500).title("training loss").xAxisTitle("epoch")
                .yAxisTitle("loss").build();
        lc.getStyler().setChartBackgroundColor(Color.WHITE);
        lc.addSeries("train loss", x, loss1);
        var a = BitmapEncoder.getBufferedImage(acc);
        var b = BitmapEncoder.getBufferedImage(lc);
        AtomicFiles.write(plot.resolve("accuracy.png"), o -> ImageIO.write(a, "png", o));
        AtomicFiles.write(plot.resolve("loss.png"), o -> ImageIO.write(b, "png", o));
    }
}
