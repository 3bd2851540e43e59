package org.snn4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.snn4j.data.SpikeRaster;

/**
 * Mini-batch training with Adam over worker threads. A batch is cut into {@link #SHARDS} fixed
 * shards (contiguous runs of samples); each shard's gradient is summed over its samples in order and
 * the shards are added in order, so results are bitwise the same for any thread count.
 */
public final class Trainer implements AutoCloseable {
    /** Shards per batch: threads above this count would idle. */
    public static final int SHARDS = 4;

    /** Training hyper-parameters. {@code cosine}: learning rate decays to 0 along a half cosine. */
    public record Config(int epochs, int batch, double lr, double weightDecay, boolean cosine, long seed,
            int threads) {
        public Config {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs " + epochs + ": must be >= 1");
            }
            if (batch < 1) {
                throw new IllegalArgumentException("batch " + batch + ": must be >= 1");
            }
            if (!(lr > 0) || Double.isInfinite(lr)) {
                throw new IllegalArgumentException("lr " + lr + ": must be a finite number > 0");
            }
            if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
                throw new IllegalArgumentException("weight-decay " + weightDecay + ": must be a finite number >= 0");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads " + threads + ": must be >= 1");
            }
        }
    }

    /** Called after each batch with the samples done and the running mean loss and accuracy. */
    public interface Progress {
        Progress NONE = (done, total, loss, acc) -> { };

        void batch(long done, long total, double loss, double accuracy);
    }

    /** The outcome of one epoch. */
    public record EpochResult(int epoch, double seconds, double loss, double accuracy) {
    }

    private final Model model;
    private final Config config;
    private final Adam adam;
    private final Execution execution;
    private final Pass[] bptt;
    private final Grads[] grads;
    private final SpikeRaster[] rasters;
    private final double[] shardLoss;
    private final int[] shardCorrect;
    private final ExecutorService pool;
    private int epochsDone;

    public Trainer(Model model, Config config, int steps) {
        this(model, config, steps, Execution.LAYERED);
    }

    /** A trainer whose forward and backward passes follow {@code execution} (layered or unlayered). */
    public Trainer(Model model, Config config, int steps, Execution execution) {
        this.model = model;
        this.config = config;
        this.execution = execution;
        this.adam = new Adam(model.tensors());
        bptt = new Pass[SHARDS];
        grads = new Grads[SHARDS];
        rasters = new SpikeRaster[SHARDS];
        for (int s = 0; s < SHARDS; s++) {
            bptt[s] = execution.pass(model, steps);
            grads[s] = new Grads(model);
            rasters[s] = new SpikeRaster(model.spec.inputs(), steps);
        }
        shardLoss = new double[SHARDS];
        shardCorrect = new int[SHARDS];
        int threads = Math.min(config.threads(), SHARDS);
        pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "snn4j-train");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    public Model model() {
        return model;
    }

    public Config config() {
        return config;
    }

    public int epochsDone() {
        return epochsDone;
    }

    Adam adam() {
        return adam;
    }

    void restore(int epochs) {
        this.epochsDone = epochs;
    }

    public Execution execution() {
        return execution;
    }

    /** The schedule's seed for a training sample: a hash of the run's seed, the epoch and the sample. */
    static long scheduleSeed(long seed, int epoch, int sample) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + sample;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The sample order of an epoch: a seeded Fisher-Yates shuffle. */
    static int[] order(int count, long seed, int epoch) {
        int[] perm = new int[count];
        for (int i = 0; i < count; i++) {
            perm[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + epoch);
        for (int i = count - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int x = perm[i];
            perm[i] = perm[j];
            perm[j] = x;
        }
        return perm;
    }

    private double learningRate(long batchIndex, long batchesPerEpoch) {
        if (!config.cosine()) {
            return config.lr();
        }
        double progress = (double) batchIndex / (batchesPerEpoch * config.epochs());
        return config.lr() * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
    }

    /** Trains one more epoch. */
    public EpochResult trainEpoch(Samples data, Progress progress) {
        check(data);
        int epoch = epochsDone;
        long t0 = System.nanoTime();
        int[] perm = order(data.count(), config.seed(), epoch);
        int batches = (data.count() + config.batch() - 1) / config.batch();
        double lossSum = 0;
        long correct = 0;
        List<float[]> params = model.tensors();
        List<Boolean> decays = model.decays();
        for (int b = 0; b < batches; b++) {
            int from = b * config.batch();
            int to = Math.min(data.count(), from + config.batch());
            double scale = 1.0 / (to - from);
            runShards(s -> {
                Grads g = grads[s];
                g.clear();
                double loss = 0;
                int ok = 0;
                int[] range = shard(from, to, s);
                for (int q = range[0]; q < range[1]; q++) {
                    int i = perm[q];
                    data.encode(i, epoch, rasters[s]);
                    if (bptt[s] instanceof CycleBptt c) {
                        c.seed(scheduleSeed(config.seed(), epoch, i));
                    }
                    bptt[s].forward(rasters[s]);
                    int label = data.label(i);
                    loss += bptt[s].lossAndOutputGradient(label, scale);
                    ok += bptt[s].predicted() == label ? 1 : 0;
                    bptt[s].backward(g);
                }
                shardLoss[s] = loss;
                shardCorrect[s] = ok;
            });
            for (int s = 1; s < SHARDS; s++) {
                grads[0].add(grads[s]);
            }
            for (int s = 0; s < SHARDS; s++) {
                lossSum += shardLoss[s];
                correct += shardCorrect[s];
            }
            adam.step(params, grads[0].tensors(model), decays,
                    learningRate((long) epoch * batches + b, batches), config.weightDecay());
            model.refresh();
            progress.batch(to, data.count(), lossSum / to, (double) correct / to);
        }
        epochsDone++;
        return new EpochResult(epochsDone, (System.nanoTime() - t0) * 1e-9, lossSum / data.count(),
                (double) correct / data.count());
    }

    /** Accuracy and activity of the model on a set (the trainer's forward pass, epoch 0 encoding). */
    public Evaluation evaluate(Samples data, Progress progress) {
        check(data);
        int layers = model.layers.length;
        long[][] spikes = new long[SHARDS][layers + 1];
        long[] synOps = new long[SHARDS];
        int[] ok = new int[SHARDS];
        double[] lossSum = new double[SHARDS];
        int[][] fanOut = new int[layers][];
        for (int l = 0; l < layers; l++) {
            fanOut[l] = Export.fanOut(model, l);
        }
        boolean spikingOutput = model.spec.output().spiking();
        int chunk = Math.max(SHARDS, 1024);
        for (int from = 0; from < data.count(); from += chunk) {
            int lo = from;
            int hi = Math.min(data.count(), from + chunk);
            runShards(s -> {
                int[] range = shard(lo, hi, s);
                for (int i = range[0]; i < range[1]; i++) {
                    data.encode(i, 0, rasters[s]);
                    Pass f = bptt[s];
                    if (f instanceof CycleBptt c) {
                        c.seed(config.seed() + i); // as snn4j eval seeds the engine's schedule for sample i
                    }
                    f.forward(rasters[s]);
                    // unlayered with a spiking output: the engine's decision (ties to the first to spike)
                    int predicted = f instanceof CycleBptt c && spikingOutput ? Math.max(0, c.decision()) : f.predicted();
                    ok[s] += predicted == data.label(i) ? 1 : 0;
                    // the training loss of the sample (its output gradient is written and not used)
                    lossSum[s] += f.lossAndOutputGradient(data.label(i), 1.0);
                    spikes[s][0] += f.inputSpikeCount();
                    synOps[s] += f.synOps(fanOut);
                    for (int l = 0; l < layers; l++) {
                        spikes[s][l + 1] += f.spikeCount(l);
                    }
                }
            });
            progress.batch(hi, data.count(), 0, 0);
        }
        long[] total = new long[layers + 1];
        long ops = 0;
        int correct = 0;
        double loss = 0;
        for (int s = 0; s < SHARDS; s++) {
            loss += lossSum[s];
            for (int l = 0; l <= layers; l++) {
                total[l] += spikes[s][l];
            }
            ops += synOps[s];
            correct += ok[s];
        }
        int neurons = 0;
        for (Model.Layer l : model.layers) {
            neurons += l.n;
        }
        return new Evaluation(data.count(), (double) correct / data.count(), loss / data.count(), total, ops, neurons,
                data.steps());
    }

    /**
     * Accuracy, the mean loss (the training loss, per sample), spikes per layer (index 0: the input) and
     * SynOps over a set, summed over its samples.
     */
    public record Evaluation(int samples, double accuracy, double loss, long[] spikes, long synOps, int neurons,
            int steps) {
        /** Spikes of the model's neurons (not the input) per neuron per step. */
        public double spikeDensity() {
            long s = 0;
            for (int l = 1; l < spikes.length; l++) {
                s += spikes[l];
            }
            return (double) s / ((double) neurons * steps * samples);
        }
    }

    private int[] shard(int from, int to, int s) {
        int n = to - from;
        return new int[] {from + (int) ((long) n * s / SHARDS), from + (int) ((long) n * (s + 1) / SHARDS)};
    }

    private interface ShardTask {
        void run(int shard);
    }

    /** Runs the shards, spread over the threads (shard s on thread s mod threads), and waits. */
    private void runShards(ShardTask task) {
        int threads = pool == null ? 1 : Math.min(config.threads(), SHARDS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            int first = t;
            futures.add(pool.submit(() -> {
                for (int s = first; s < SHARDS; s += threads) {
                    task.run(s);
                }
            }));
        }
        for (int s = 0; s < SHARDS; s += threads) {
            task.run(s);
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while training", e);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException r) {
                    throw r;
                }
                if (c instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(c);
            }
        }
    }

    private void check(Samples data) {
        if (data.inputs() != model.spec.inputs()) {
            throw new IllegalArgumentException("data has " + data.inputs() + " inputs per sample, the model expects "
                    + model.spec.inputs());
        }
        if (data.classes() > model.spec.classes()) {
            throw new IllegalArgumentException("data has " + data.classes() + " classes, the output layer has "
                    + model.spec.classes() + " neurons");
        }
        if (data.steps() != bptt[0].steps()) {
            throw new IllegalArgumentException("data has " + data.steps() + " steps per sample, the trainer was made for "
                    + bptt[0].steps());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
