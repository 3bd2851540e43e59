package org.snn4j.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snn4j.engine.EnergyProfile;
import org.snn4j.engine.EngineOptions;
import org.snn4j.engine.Scheduler;
import org.snn4j.engine.RunResult;
import org.snn4j.io.NetworkFile;
import org.snn4j.io.NetworkFiles;
import org.snn4j.model.ResetMode;
import org.snn4j.reservoir.Comparison;
import org.snn4j.train.Datasets;
import org.snn4j.train.EngineEvaluation;
import org.snn4j.train.Execution;
import org.snn4j.train.Loss;
import org.snn4j.train.Model;
import org.snn4j.train.ModelOptions;
import org.snn4j.train.Samples;
import org.snn4j.train.Surrogate;
import org.snn4j.train.TrainingPlan;
import org.snn4j.train.TrainingRun;

/** The jobs a sweep can run, by name. */
public final class Jobs {
    private Jobs() {
    }

    /** Every job, in the order the help lists them. */
    public static final List<Job> ALL = List.of(new Reservoir(Comparison.Task.NARMA, "narma"),
            new Reservoir(Comparison.Task.MEMORY_CAPACITY, "memory-capacity"), new Train(), new Run(), new AsyncStudy());

    /** The job of this name, or an error listing the names. */
    public static Job named(String name) {
        for (Job j : ALL) {
            if (j.name().equals(name)) {
                return j;
            }
        }
        throw new IllegalArgumentException("job '" + name + "': expected one of "
                + ALL.stream().map(Job::name).toList());
    }

    /**
     * One reservoir of the NARMA-10 (or memory-capacity) comparison at one size and one setting of
     * its hyper-parameters, on the series of the task's seed: validation and test score and the cost
     * per step, as {@code snn4j narma} computes them for each run of its grid.
     */
    static final class Reservoir implements Job {
        private static final long serialVersionUID = 1L;
        private final Comparison.Task task;
        private final String name;

        Reservoir(Comparison.Task task, String name) {
            this.task = task;
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Map<String, Object> options() {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("model", "snn-delay");
            o.put("neurons", 50L);
            // the defaults: the middle of each model's grid in the comparison
            o.put("spectral_radius", 0.9);
            o.put("input_scale", 0.1);
            o.put("bias_scale", 0.2);
            o.put("weight_exc", 0.2);
            o.put("pair_lag", 6.0);
            o.put("relay_fraction", 0.5);
            return o;
        }

        @Override
        public void check(Map<String, Object> options, Set<String> given) {
            Comparison.Model model = Comparison.Model.parse((String) options.get("model"));
            if ((Long) options.get("neurons") < 2 || (Long) options.get("neurons") > 100_000) {
                throw new IllegalArgumentException("neurons " + options.get("neurons") + ": must be in [2, 100000]");
            }
            List<String> mine = Comparison.parameters(model);
            for (String key : options.keySet()) {
                if (!key.equals("model") && !key.equals("neurons") && !mine.contains(key) && given.contains(key)) {
                    throw new IllegalArgumentException("option '" + key + "' does not apply to model "
                            + model.label + " (its options: " + mine + ")");
                }
            }
        }

        @Override
        public Map<String, Object> run(Map<String, Object> options, long seed) {
            Comparison.Model model = Comparison.Model.parse((String) options.get("model"));
            Map<String, Double> setting = new LinkedHashMap<>();
            for (String p : Comparison.parameters(model)) {
                setting.put(p, ((Number) options.get(p)).doubleValue());
            }
            Comparison.Outcome o = Comparison.evaluate(task, model, ((Long) options.get("neurons")).intValue(),
                    setting, Math.toIntExact(seed));
            Map<String, Object> row = new LinkedHashMap<>();
            String score = task == Comparison.Task.NARMA ? "nmse" : "memory_capacity";
            row.put("validation_" + score, o.validation());
            row.put("test_" + score, o.test());
            row.put("synops_per_step", o.synOps());
            row.put("neuron_updates_per_step", o.updates());
            row.put("spikes_per_neuron_per_step", o.spikes());
            row.put("esn_macs_per_step", o.macs());
            return row;
        }
    }

    /** One training run (snn4j train's defaults), on one thread: its test accuracy and loss after the last epoch. */
    static final class Train implements Job {
        private static final long serialVersionUID = 1L;

        @Override
        public String name() {
            return "train";
        }

        @Override
        public Map<String, Object> options() {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("dataset", "delay");
            o.put("data", "");
            o.put("steps", 30L);
            o.put("hidden", 16L);
            o.put("beta", 0.9);
            o.put("tau_syn_steps", 0.0);
            o.put("lr", 5e-4);
            o.put("batch", 128L);
            o.put("epochs", 1L);
            o.put("limit", 0L);
            o.put("delays", 0L);
            o.put("bias", true);
            o.put("surrogate", "fast-sigmoid:25");
            return o;
        }

        @Override
        public void check(Map<String, Object> o, Set<String> given) {
            Datasets.BY_NAME.get((String) o.get("dataset"));
            Surrogate.parse((String) o.get("surrogate"));
            for (String k : new String[] {"steps", "hidden", "batch", "epochs"}) {
                if ((Long) o.get(k) < 1 || (Long) o.get(k) > 1_000_000) {
                    throw new IllegalArgumentException(k + " " + o.get(k) + ": must be in [1, 1000000]");
                }
            }
            if ((Long) o.get("delays") < 0 || (Long) o.get("delays") > 62 || (Long) o.get("limit") < 0) {
                throw new IllegalArgumentException("delays " + o.get("delays") + " (in [0, 62]) or limit "
                        + o.get("limit") + " (>= 0): out of range");
            }
        }

        @Override
        public Map<String, Object> run(Map<String, Object> o, long seed) throws Exception {
            TrainingRun.Epoch last = train(o, seed, Execution.LAYERED).epoch();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("test_accuracy", last.testAccuracy());
            row.put("test_loss", last.testLoss());
            row.put("train_loss", last.trainLoss());
            row.put("train_accuracy", last.trainAccuracy());
            row.put("test_spike_density", last.testSpikeDensity());
            row.put("test_synops_per_sample", last.testSynOpsPerSample());
            return row;
        }

        /** A trained model and its last epoch's figures. */
        record Trained(Model model, TrainingRun.Epoch epoch) {
        }

        /** Trains as snn4j train would with these options, on one thread (the sweep runs tasks side by side). */
        static Trained train(Map<String, Object> o, long seed, Execution execution) throws Exception {
            int steps = ((Long) o.get("steps")).intValue();
            long limit = (Long) o.get("limit");
            Datasets.Split data = Datasets.load((String) o.get("dataset"), Path.of((String) o.get("data")), steps, seed,
                    limit == 0 ? null : Math.toIntExact(limit));
            ModelOptions model = new ModelOptions(new int[] {((Long) o.get("hidden")).intValue()},
                    (Double) o.get("beta"), (Double) o.get("tau_syn_steps"), ResetMode.SUBTRACT,
                    ModelOptions.taps(((Long) o.get("delays")).intValue(), 1), false, (Boolean) o.get("bias"), false,
                    Surrogate.parse((String) o.get("surrogate")), Loss.parse("ce-count"), true);
            TrainingPlan plan = new TrainingPlan(model, steps, ((Long) o.get("epochs")).intValue(),
                    ((Long) o.get("batch")).intValue(), (Double) o.get("lr"), 0, false, seed, 1, execution,
                    null, 100, null, false, 0, null, null, null);
            TrainingRun.Epoch[] last = new TrainingRun.Epoch[1];
            Model trained = TrainingRun.run(plan, data, new TrainingRun.Listener() {
                @Override
                public void epochDone(TrainingRun.Epoch e) {
                    last[0] = e;
                }
            });
            return new Trained(trained, last[0]);
        }
    }

    /**
     * One cell of snn4j async-study: a model trained layered or unlayered ({@code train_mode}), run in
     * the event engine under one execution ({@code execution}, F = {@code group}) to the end or to the
     * first output spike ({@code decision}) on the first {@code eval_limit} test samples.
     */
    static final class AsyncStudy implements Job {
        private static final long serialVersionUID = 1L;

        @Override
        public String name() {
            return "async-study";
        }

        @Override
        public Map<String, Object> options() {
            Map<String, Object> o = new LinkedHashMap<>(new Train().options());
            o.put("train_mode", "layered");
            o.put("execution", "momentum");
            o.put("group", 1L);
            o.put("decision", "end");
            o.put("eval_limit", 200L);
            o.put("energy", "loihi");
            return o;
        }

        @Override
        public void check(Map<String, Object> o, Set<String> given) {
            new Train().check(o, given);
            new Execution((String) o.get("train_mode"), 1, 0);
            Scheduler.BY_NAME.get((String) o.get("execution"));
            if ((Long) o.get("group") < 1 || (Long) o.get("eval_limit") < 1) {
                throw new IllegalArgumentException("group " + o.get("group") + " and eval_limit " + o.get("eval_limit")
                        + ": must be >= 1");
            }
            if (!List.of("end", "first-spike").contains((String) o.get("decision"))) {
                throw new IllegalArgumentException("decision '" + o.get("decision") + "': expected end or first-spike");
            }
            EnergyProfile.parse((String) o.get("energy"));
        }

        @Override
        public Map<String, Object> run(Map<String, Object> o, long seed) throws Exception {
            Train.Trained t = Train.train(o, seed, new Execution((String) o.get("train_mode"), 1, 0));
            int steps = ((Long) o.get("steps")).intValue();
            int limit = Math.toIntExact((Long) o.get("eval_limit"));
            Samples test = Datasets.testSet((String) o.get("dataset"), Path.of((String) o.get("data")), steps, seed,
                    limit);
            EngineEvaluation.Result r = EngineEvaluation.run(t.model(), test, Math.min(limit, test.count()),
                    EngineOptions.event(Scheduler.BY_NAME.get((String) o.get("execution")),
                            ((Long) o.get("group")).intValue()),
                    o.get("decision").equals("first-spike") ? 0 : null, EnergyProfile.parse((String) o.get("energy")),
                    seed, steps, k -> { });
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("accuracy", r.accuracy());
            row.put("spike_density", r.spikeDensity());
            row.put("synops_per_sample", r.synOpsPerSample());
            row.put("latency_steps", r.latencySteps());
            row.put("latency_cycles", r.latencyCycles());
            row.put("energy_j_per_sample", r.energyPerSample());
            row.put("trainer_test_accuracy", t.epoch().testAccuracy());
            return row;
        }
    }

    /**
     * A network file run on the clock or event engine with the task's seed, its values {@code set.PATH}
     * replaced first (for example {@code set.populations.0.neuron.tau_mem_s}): its spikes and cost.
     */
    static final class Run implements Job {
        private static final long serialVersionUID = 1L;
        static final String SET = "set.";

        @Override
        public String name() {
            return "run";
        }

        @Override
        public boolean takesExtra(String name) {
            return name.startsWith(SET) && name.length() > SET.length();
        }

        @Override
        public Map<String, Object> options() {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("file", "");
            o.put("duration", 1.0);
            o.put("engine", "clock");
            return o;
        }

        @Override
        public void check(Map<String, Object> o, Set<String> given) {
            if (((String) o.get("file")).isEmpty()) {
                throw new IllegalArgumentException("option 'file' (the network file) is required");
            }
            if (!((Double) o.get("duration") > 0)) {
                throw new IllegalArgumentException("duration " + o.get("duration") + ": must be > 0");
            }
            engine(o);
        }

        private static EngineOptions engine(Map<String, Object> o) {
            return switch ((String) o.get("engine")) {
                case "clock" -> EngineOptions.CLOCK;
                case "event" -> EngineOptions.EVENT;
                default -> throw new IllegalArgumentException("engine '" + o.get("engine") + "': expected clock or event");
            };
        }

        @Override
        public Map<String, Object> run(Map<String, Object> o, long seed) {
            Map<String, Object> overrides = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : o.entrySet()) {
                if (takesExtra(e.getKey())) {
                    overrides.put(e.getKey().substring(SET.length()), e.getValue());
                }
            }
            NetworkFile f = NetworkFiles.read(Path.of((String) o.get("file")), seed, null, overrides);
            RunResult r = engine(o).create(f.network(), f.dtSeconds()).run((Double) o.get("duration"));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("spikes", r.cost().spikes());
            row.put("syn_ops", r.cost().synOps());
            row.put("neuron_updates", r.cost().neuronUpdates());
            row.put("rate_hz", r.cost().spikes() / (double) f.network().neuronCount() / (r.cost().steps()
                    * f.dtSeconds()));
            return row;
        }
    }
}
