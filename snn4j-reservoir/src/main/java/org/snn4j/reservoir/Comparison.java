package org.snn4j.reservoir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The reservoir comparison on a task (NARMA-10 NMSE, or linear memory capacity): for
 * each model kind and size, a grid search whose every choice is made on the validation span averaged
 * over the seeds (the ridge penalty per run, the other hyper-parameters across runs), then one test
 * evaluation per seed with the chosen setting. Runs are independent tasks on a thread pool; every
 * task is seeded by its own (setting, seed), so the results do not depend on the number of threads.
 */
public final class Comparison {
    /** What is scored: NARMA-10 test NMSE (lower is better) or memory capacity (higher is better). */
    public enum Task {
        NARMA("nmse", false), MEMORY_CAPACITY("memory_capacity", true);

        /** The JSON name of the score. */
        public final String scoreName;
        final boolean higherIsBetter;

        Task(String scoreName, boolean higherIsBetter) {
            this.scoreName = scoreName;
            this.higherIsBetter = higherIsBetter;
        }
    }

    /** Delays k = 1..K_MAX of the memory-capacity task. */
    static final int CAPACITY_K_MAX = 40;

    /**
     * The model kinds: the three of the issue (the spiking ones are {@link CoincidenceReservoir}s, with
     * and without delays) and the recurrent {@link SpikingReservoir} with delays and an encoder, the
     * first design, kept for comparison (not in the default run).
     */
    public enum Model {
        ESN("esn"), SNN_NO_DELAY("snn-nodelay"), SNN_DELAY("snn-delay"), SNN_RECURRENT("snn-recurrent");

        public final String label;

        Model(String label) {
            this.label = label;
        }

        public static Model parse(String label) {
            for (Model m : values()) {
                if (m.label.equals(label)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("model '" + label + "': expected one of esn, snn-nodelay, snn-delay, snn-recurrent");
        }
    }

    /**
     * One row of the comparison: a model kind at one size, with the setting chosen on validation and
     * its test score per seed; for NARMA also the prediction and target of the first seed (the same
     * series for every model, so that predictions compare side by side; else null).
     */
    public record Row(Task task, Model model, int neurons, Map<String, Double> setting, double[] scorePerSeed,
            double scoreMean, double scoreStd, double macsPerStep, double synOpsPerStep, double neuronUpdatesPerStep,
            double spikesPerNeuronPerStep, double[] prediction, double[] target, Splits splits) {
    }

    static final double[] PENALTIES = {1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1};
    /** Simulation steps per input step of the recurrent spiking reservoir. */
    static final int STEPS_PER_INPUT = 5;
    /** Its delays span 10 input steps, the memory NARMA-10 needs (u[t-9]). */
    static final int MAX_DELAY_STEPS = 10 * STEPS_PER_INPUT;

    /** The coincidence reservoirs: 4 encoder levels, relays over 0..20 input steps, pair offsets 0..3. */
    static final int LEVELS = 4;
    static final int RELAY_MAX_DELAY = 20;
    static final int PAIR_MAX_OFFSET = 3;

    private Comparison() {
    }

    /** The hyper-parameter grid of a model kind (names -> values), the cartesian product is searched. */
    static List<Map<String, Double>> grid(Model model) {
        List<Map<String, Double>> out = new ArrayList<>();
        if (model == Model.ESN) {
            for (double rho : new double[] {0.7, 0.9, 1.0, 1.1}) {
                for (double sIn : new double[] {0.05, 0.1, 0.3}) {
                    for (double sB : new double[] {0, 0.2, 1.0}) {
                        out.add(setting("spectral_radius", rho, "input_scale", sIn, "bias_scale", sB));
                    }
                }
            }
        } else if (model == Model.SNN_RECURRENT) {
            for (double we : new double[] {0.1, 0.2, 0.5}) {
                for (double sIn : new double[] {1, 2, 4}) {
                    out.add(setting("weight_exc", we, "input_scale", sIn));
                }
            }
        } else {
            // the coincidence lag is chosen like the ESN's spectral radius: on the validation span
            for (double lag : new double[] {3, 6, 9, 12}) {
                for (double relays : new double[] {0.3, 0.5, 0.7}) {
                    out.add(setting("pair_lag", lag, "relay_fraction", relays));
                }
            }
        }
        return out;
    }

    private static Map<String, Double> setting(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Double) kv[i + 1]);
        }
        return m;
    }

    /**
     * The delay reservoir of the NARMA-10 comparison (snn-delay, coincidence lag 6, half relays), for
     * studies of the network itself ({@link CoincidenceReservoir#network} on an input series).
     */
    public static CoincidenceReservoir narmaDelayReservoir(int neurons, long seed) {
        return (CoincidenceReservoir) reservoir(Task.NARMA, Model.SNN_DELAY, neurons,
                setting("pair_lag", 6.0, "relay_fraction", 0.5), seed);
    }

    static Reservoir reservoir(Task task, Model model, int neurons, Map<String, Double> s, long seed) {
        if (model == Model.ESN) {
            return new EchoStateNetwork(neurons, s.get("spectral_radius"), s.get("input_scale"), s.get("bias_scale"),
                    seed);
        }
        if (model != Model.SNN_RECURRENT) {
            // the same architecture for both kinds; only the delays differ (the ablation of the issue)
            return CoincidenceReservoir.builder().neurons(neurons).delays(model == Model.SNN_DELAY)
                    .pair(s.get("pair_lag").intValue(), PAIR_MAX_OFFSET).relayFraction(s.get("relay_fraction"))
                    .relayMaxDelay(RELAY_MAX_DELAY).levels(LEVELS)
                    .inputRange(task == Task.NARMA ? 0 : -0.5, 0.5).seed(seed).build();
        }
        return SpikingReservoir.builder().neurons(neurons).fanOut(Math.min(10, neurons - 1))
                .weightExc(s.get("weight_exc")).inputScale(s.get("input_scale")).stepsPerInput(STEPS_PER_INPUT)
                .delaySteps(1, MAX_DELAY_STEPS)
                .encoder(Math.max(1, neurons / 4), Math.min(10, neurons), 1.5, MAX_DELAY_STEPS)
                .traceTauSteps(STEPS_PER_INPUT, 4 * STEPS_PER_INPUT).seed(seed).build();
    }

    /**
     * One run of the comparison: a model kind at one size with grid setting {@code setting} (an index
     * into its grid) on the series of seed {@code seed}. A small value that names its work entirely,
     * so that any process can carry it out ({@link #evaluate}) and any runner can schedule it.
     */
    public record Run(Task task, Model model, int neurons, int setting, int seed) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** What a run keeps: scores, the prediction and the cost, not the states (up to 27 MB each). */
    public record Outcome(double validation, double test, double[] prediction, double macs, double synOps,
            double updates, double spikes) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Carries out runs and returns their outcomes in the runs' order (a thread pool, or a Spark cluster). */
    public interface Runner {
        List<Outcome> runAll(List<Run> runs, BiConsumer<Integer, Integer> progress) throws InterruptedException;
    }

    /** The runs' outcomes on a pool of {@code threads} threads of this process. */
    public static Runner threads(int threads) {
        return (runs, progress) -> {
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
            AtomicInteger done = new AtomicInteger();
            try {
                List<Future<Outcome>> futures = new ArrayList<>();
                for (Run r : runs) {
                    futures.add(pool.submit(() -> {
                        Outcome o = evaluate(r);
                        progress.accept(done.incrementAndGet(), runs.size());
                        return o;
                    }));
                }
                List<Outcome> out = new ArrayList<>();
                for (Future<Outcome> f : futures) {
                    out.add(get(f));
                }
                return out;
            } finally {
                pool.shutdownNow();
            }
        };
    }

    /** The series of a seed: NARMA-10 input and target over the splits' length. */
    private static Narma10.Series series(int seed) {
        return Narma10.generate(Splits.NARMA.length(), 1000 + seed);
    }

    /** Carries out one run: builds its reservoir, runs it, fits and scores the readout. */
    public static Outcome evaluate(Run t) {
        return evaluate(t.task, t.model, t.neurons, grid(t.model).get(t.setting), t.seed);
    }

    /**
     * One model kind at one size with the given hyper-parameters ({@link #parameters} names them) on
     * the series of seed {@code seed}: its reservoir built, run, its readout fitted and scored.
     */
    public static Outcome evaluate(Task task, Model model, int neurons, Map<String, Double> setting, int seed) {
        Splits splits = Splits.NARMA;
        for (String name : parameters(model)) {
            if (!setting.containsKey(name)) {
                throw new IllegalArgumentException(model.label + ": hyper-parameter " + name + " is missing");
            }
        }
        for (String name : setting.keySet()) {
            if (!parameters(model).contains(name)) {
                throw new IllegalArgumentException(model.label + ": no hyper-parameter " + name + " (it has "
                        + parameters(model) + ")");
            }
        }
        Reservoir r = reservoir(task, model, neurons, setting, 2000 + seed);
        if (task == Task.NARMA) {
            Narma10.Series ser = series(seed);
            Reservoir.Run run = r.run(ser.input());
            Evaluation.NarmaScore score = Evaluation.score(Readout.design(ser.input(), run.states()), ser.target(),
                    splits, PENALTIES);
            return new Outcome(score.validationNmse(), score.testNmse(), score.prediction(), run.macsPerStep(),
                    run.synOpsPerStep(), run.neuronUpdatesPerStep(), run.spikesPerNeuronPerStep());
        }
        double[] u = Evaluation.capacityInput(splits, CAPACITY_K_MAX, 1000 + seed);
        Reservoir.Run run = r.run(u);
        Evaluation.CapacityScore score = Evaluation.capacity(Readout.design(u, run.states()), u, splits, CAPACITY_K_MAX,
                PENALTIES);
        return new Outcome(score.validationCapacity(), score.testCapacity(), null, run.macsPerStep(),
                run.synOpsPerStep(), run.neuronUpdatesPerStep(), run.spikesPerNeuronPerStep());
    }

    /** The names of a model kind's hyper-parameters (those of its grid). */
    public static List<String> parameters(Model model) {
        return List.copyOf(grid(model).get(0).keySet());
    }

    /**
     * Runs the comparison on {@code threads} threads of this process.
     *
     * @param progress told (tasks done, tasks total) as runs finish
     */
    public static List<Row> run(Task task, List<Model> models, int[] sizes, int seeds, int threads,
            BiConsumer<Integer, Integer> progress) throws InterruptedException {
        return run(task, models, sizes, seeds, threads(threads), progress);
    }

    /**
     * Runs the comparison's runs on the given runner (any runner gives the same rows: each run is a
     * pure function of its value), then chooses each model's setting on validation.
     *
     * @param progress told (tasks done, tasks total) as runs finish
     */
    public static List<Row> run(Task task, List<Model> models, int[] sizes, int seeds, Runner runner,
            BiConsumer<Integer, Integer> progress) throws InterruptedException {
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds " + seeds + ": must be >= 1");
        }
        for (int n : sizes) {
            if (n < 2) {
                throw new IllegalArgumentException("neurons " + n + ": must be >= 2");
            }
        }
        Splits splits = Splits.NARMA;
        List<Run> tasks = new ArrayList<>();
        for (Model m : models) {
            for (int n : sizes) {
                for (int g = 0; g < grid(m).size(); g++) {
                    for (int s = 0; s < seeds; s++) {
                        tasks.add(new Run(task, m, n, g, s));
                    }
                }
            }
        }
        List<Outcome> outcomes = runner.runAll(tasks, progress);
        Map<Run, Outcome> byRun = new LinkedHashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            byRun.put(tasks.get(i), outcomes.get(i));
        }
        List<Row> rows = new ArrayList<>();
        for (Model m : models) {
            for (int n : sizes) {
                List<Map<String, Double>> grid = grid(m);
                // choose on validation: the mean over seeds, minimized (NMSE) or maximized (capacity)
                double sign = task.higherIsBetter ? -1 : 1;
                int best = -1;
                double bestValidation = Double.POSITIVE_INFINITY;
                for (int g = 0; g < grid.size(); g++) {
                    double v = 0;
                    for (int s = 0; s < seeds; s++) {
                        v += sign * byRun.get(new Run(task, m, n, g, s)).validation();
                    }
                    if (v < bestValidation) {
                        bestValidation = v;
                        best = g;
                    }
                }
                double[] score = new double[seeds];
                double macs = 0;
                double synOps = 0;
                double updates = 0;
                double spikes = 0;
                double[] prediction = null;
                for (int s = 0; s < seeds; s++) {
                    Outcome o = byRun.get(new Run(task, m, n, best, s));
                    score[s] = o.test();
                    macs += o.macs() / seeds;
                    synOps += o.synOps() / seeds;
                    updates += o.updates() / seeds;
                    spikes += o.spikes() / seeds;
                    if (s == 0) {
                        prediction = o.prediction(); // the same series and seed for every model, to compare
                    }
                }
                double mean = Arrays.stream(score).average().orElse(Double.NaN);
                double var = Arrays.stream(score).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, seeds - 1);
                rows.add(new Row(task, m, n, grid.get(best), score, mean, Math.sqrt(var), macs, synOps, updates,
                        spikes, prediction, task == Task.NARMA ? series(0).target() : null, splits));
            }
        }
        return rows;
    }

    private static <T> T get(Future<T> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
