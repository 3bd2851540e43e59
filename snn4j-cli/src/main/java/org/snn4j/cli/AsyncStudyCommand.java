package org.snn4j.cli;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.snn4j.engine.EnergyProfile;
import org.snn4j.engine.EngineOptions;
import org.snn4j.engine.Scheduler;
import org.snn4j.train.Datasets;
import org.snn4j.train.EngineEvaluation;
import org.snn4j.train.Execution;
import org.snn4j.train.Model;
import org.snn4j.train.ModelFile;
import org.snn4j.train.Samples;
import org.snn4j.train.Trainer;
import org.snn4j.train.TrainingPlan;
import org.snn4j.train.TrainingRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code snn4j async-study}: what asynchrony buys (arXiv 2408.05098). Trains one model per training
 * mode (layered, and unlayered under each asynchronous strategy) with the same architecture, seed and
 * data, then runs each in the event engine under every execution mode (synchronous, each strategy at
 * each F), deciding at the end or at the first output spike, and tabulates accuracy, spike density,
 * SynOps, latency and energy per inference. Everything lands in {@code --out DIR}; a run that stops
 * resumes from the models, checkpoints and rows already there.
 */
@Command(name = "async-study", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Train layered and unlayered models of one architecture and compare their executions.",
            "Evaluates each in the event engine under synchronous and asynchronous execution",
            "(each strategy, several F), deciding after all steps or at the first",
            "output spike. Prints a table; writes study.json, the models and their",
            "checkpoints into --out (a stopped study resumes from them; a model file",
            "already there, model-MODE.snn4j, is loaded instead of trained), and PNG",
            "bar charts with --plot."})
final class AsyncStudyCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "as for train: fashion-mnist, mnist, shd, delay")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR", description = "the dataset's folder (as for train)")
    Path data;

    @Option(names = "--hidden", defaultValue = "256", paramLabel = "N[,N...]", description = "hidden layer sizes")
    String hidden;

    @Option(names = "--steps", defaultValue = "25", description = "time steps per sample")
    int steps;

    @Option(names = "--epochs", defaultValue = "1", description = "training epochs of every model")
    int epochs;

    @Option(names = "--seed", defaultValue = "0", description = "one seed for every model's initialization and data")
    long seed;

    @Option(names = "--limit", description = "use only the first N training and test samples in training")
    Integer limit;

    @Option(names = "--threads", description = "training threads (default: the cores)")
    Integer threads;

    @Option(names = "--train-args", defaultValue = "", paramLabel = "\"OPTIONS\"",
            description = "more options for snn4j train, verbatim (for example \"--batch 16 --lr 1e-2 --delays 16\")")
    String trainArgs;

    @Option(names = "--train-modes", split = ",", defaultValue = "layered,random,momentum",
            description = "training executions")
    List<String> trainModes;

    @Option(names = "--train-group", defaultValue = "1", description = "F of unlayered training")
    int trainGroup;

    @Option(names = "--schedules", split = ",", defaultValue = "synchronous,random,momentum",
            description = "execution schedules evaluated")
    List<String> schedules;

    @Option(names = "--groups", split = ",", defaultValue = "1,16", description = "F values of the asynchronous schedules")
    int[] groups;

    @Option(names = "--eval-limit", defaultValue = "1000", description = "test samples per evaluation")
    int evalLimit;

    @Option(names = "--energy", defaultValue = "loihi", description = "energy profile: loihi, cpu-45nm or custom:...")
    String energy;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "models, checkpoints and study.json")
    Path out;

    @Option(names = "--plot", paramLabel = "DIR", description = "bar charts (PNG) of the table")
    Path plot;

    @Option(names = "--no-progress", description = "never show progress bars")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Options.atLeast("--epochs", epochs, 1);
        Options.outputFolder("--out", out);
        Options.outputFolder("--plot", plot);
        Options.atLeast("--eval-limit", evalLimit, 1);
        Options.atLeast("--train-group", trainGroup, 1);
        EnergyProfile profile = CubaCommand.energyProfile(energy);
        List<Execution> evaluated = executions();
        for (String mode : trainModes) {
            if (mode.equals("synchronous") || !(mode.equals("layered") || Scheduler.BY_NAME.contains(mode))) {
                throw new IllegalArgumentException("--train-modes " + mode + ": expected layered, random, momentum or fifo");
            }
        }
        // every training option is checked before the first model trains
        for (String mode : trainModes) {
            trainOptions(mode).plan(null, null);
        }
        Files.createDirectories(out);
        Path results = out.resolve("study.json");
        Map<String, Json> done = readRows(results);
        Map<String, Double> epochSeconds = new LinkedHashMap<>();
        // 1. one model per training mode (resuming from its checkpoint)
        for (String mode : trainModes) {
            Path model = out.resolve("model-" + mode + ".snn4j");
            epochSeconds.put(mode, train(mode, model, err));
        }
        // 2. every model under every execution, to the end and to the first output spike
        Samples test = Datasets.testSet(dataset, data, steps, seed, evalLimit);
        int n = Math.min(evalLimit, test.count());
        List<Json> rows = new ArrayList<>();
        for (String mode : trainModes) {
            Model model = ModelFile.load(out.resolve("model-" + mode + ".snn4j"));
            for (Execution exec : evaluated) {
                for (boolean early : new boolean[] {false, true}) {
                    String key = mode + "|" + exec.label() + "|" + (early ? "first-spike" : "end");
                    Json row = done.get(key);
                    if (row == null) {
                        ProgressBar bar = new ProgressBar(err, mode + " / " + exec.label() + (early ? " / early" : ""),
                                !noProgress);
                        EngineEvaluation.Result r = EngineEvaluation.run(model, test, n,
                                EngineOptions.event(exec.scheduler(), exec.group()), early ? 0 : null, profile, seed,
                                steps, k -> bar.progress(k, n));
                        row = new Json().put("train", mode).put("execution", exec.label())
                                .put("decision", early ? "first-spike" : "end").put("samples", n)
                                .put("accuracy", r.accuracy()).put("spike_density", r.spikeDensity())
                                .put("synops_per_sample", r.synOpsPerSample())
                                .put("latency_cycles", r.latencyCycles()).put("latency_steps", r.latencySteps())
                                .put("energy_profile", profile.name()).put("energy_j_per_sample", r.energyPerSample())
                                .put("train_t_epoch_s", epochSeconds.get(mode));
                        done.put(key, row);
                        AtomicFiles.writeText(results, Json.list(new ArrayList<>(done.values())) + "\n");
                    }
                    rows.add(row);
                }
            }
        }
        printTable(stdout, rows);
        if (plot != null) {
            plot(rows);
        }
        return 0;
    }

    private List<Execution> executions() {
        List<Execution> list = new ArrayList<>();
        for (String s : schedules) {
            String schedule = checkedSchedule("--schedules", s);
            if (schedule.equals("layered")) {
                throw new IllegalArgumentException("--schedules layered: the execution is synchronous (the same step)");
            }
            if (schedule.equals("synchronous")) {
                list.add(new Execution("synchronous", 1, 0));
                continue;
            }
            for (int f : groups) {
                Options.atLeast("--groups", f, 1);
                list.add(new Execution(schedule, f, 0));
            }
        }
        return list;
    }

    private static String checkedSchedule(String option, String name) {
        try {
            return new Execution(name, 1, 0).schedule();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + name + ": " + e.getMessage());
        }
    }

    /** The train command's options of one mode's model: this study's, then --train-args (parsed, not run). */
    private TrainCommand trainOptions(String mode) {
        List<String> args = new ArrayList<>(List.of("--dataset", dataset, "--hidden", hidden, "--steps",
                String.valueOf(steps), "--epochs", String.valueOf(epochs), "--seed", String.valueOf(seed),
                "--execution", mode, "--group", String.valueOf(trainGroup)));
        if (data != null) {
            args.addAll(List.of("--data", data.toString()));
        }
        if (limit != null) {
            args.addAll(List.of("--limit", String.valueOf(limit)));
        }
        if (threads != null) {
            args.addAll(List.of("--threads", String.valueOf(threads)));
        }
        if (!trainArgs.isBlank()) {
            args.addAll(Arrays.asList(trainArgs.trim().split("\\s+")));
        }
        TrainCommand options = new TrainCommand();
        try {
            new CommandLine(options).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException("--train-args \"" + trainArgs + "\": " + e.getMessage());
        }
        return options;
    }

    /** Trains (or finishes training) the model of one mode; returns its mean seconds per epoch (NaN if none ran). */
    private double train(String mode, Path model, PrintWriter err) throws IOException {
        Path log = out.resolve("train-" + mode + ".jsonl");
        if (Files.exists(model)) {
            err.println(mode + ": " + model + " is there, not trained again");
            return meanEpochSeconds(log);
        }
        TrainCommand options = trainOptions(mode);
        TrainingPlan plan = options.plan(out.resolve(mode + ".ckpt"), model);
        err.println(mode + ": training (" + plan.execution().label() + ", " + plan.totalEpochs() + " epoch(s))");
        TrainingRun.run(plan, options.datasets(), new TrainingRun.Listener() {
            @Override
            public void resumed(int epochsDone) {
                err.println(mode + ": resumed from its checkpoint after epoch " + epochsDone);
            }

            @Override
            public Trainer.Progress epochStarting(int epoch) {
                return TrainCommand.progressBar(err, mode + " epoch " + epoch, !noProgress);
            }

            @Override
            public void epochDone(TrainingRun.Epoch e) {
                try {
                    Files.writeString(log, TrainCommand.row(e) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            }
        });
        return meanEpochSeconds(log);
    }

    private static double meanEpochSeconds(Path log) throws IOException {
        if (!Files.exists(log)) {
            return Double.NaN;
        }
        double sum = 0;
        int count = 0;
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("{")) {
                sum += Json.parseFlat(line).number("t_epoch_s");
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Rows of an earlier run of the same study (one JSON object per line), by key. */
    private static Map<String, Json> readRows(Path results) throws IOException {
        Map<String, Json> rows = new LinkedHashMap<>();
        if (Files.exists(results)) {
            for (String line : Files.readAllLines(results)) {
                String t = line.trim();
                if (t.endsWith(",")) {
                    t = t.substring(0, t.length() - 1);
                }
                if (t.startsWith("{")) {
                    Json row = Json.parseFlat(t);
                    rows.put(row.get("train") + "|" + row.get("execution") + "|" + row.get("decision"), row);
                }
            }
        }
        return rows;
    }

    private static void printTable(PrintWriter o, List<Json> rows) {
        o.println("| trained | executed | decision | accuracy | spike density | SynOps/sample | latency (cycles) "
                + "| latency (steps) | energy/sample | train s/epoch |");
        o.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Json r : rows) {
            o.printf("| %s | %s | %s | %.1f%% | %.4f | %.0f | %.1f | %.2f | %.3g J | %.1f |%n", r.get("train"),
                    r.get("execution"), r.get("decision"), 100 * r.number("accuracy"), r.number("spike_density"),
                    r.number("synops_per_sample"), r.number("latency_cycles"), r.number("latency_steps"),
                    r.number("energy_j_per_sample"), r.number("train_t_epoch_s"));
        }
        o.flush();
    }

    /** One bar chart per measure: executions (and decision) along x, one series per training mode. */
    private void plot(List<Json> rows) throws IOException {
        Files.createDirectories(plot);
        // measure, title, y axis, log axis (the measures that span orders of magnitude), tick format
        String[][] measures = {{"accuracy", "test accuracy", "accuracy", "", "0.00"},
            {"spike_density", "spike density", "spikes per neuron per step", "", "0.000"},
            {"latency_cycles", "latency to decision", "processing cycles", "log", "#,##0"},
            {"energy_j_per_sample", "energy per inference", "joules", "log", "0.00E0"},
            {"synops_per_sample", "SynOps per inference", "SynOps", "log", "#,##0"}};
        String samples = rows.isEmpty() ? "" : ", " + (long) rows.get(0).number("samples") + " test samples each";
        for (String[] m : measures) {
            CategoryChart chart = new CategoryChartBuilder().width(1000).height(500).title(m[1] + samples)
                    .xAxisTitle("execution (decision)").yAxisTitle(m[2]).build();
            // a log axis when the values span more than a decade (and all are > 0: a study without output
            // spikes can have zero latency); within a decade it would label no tick
            double min = rows.stream().mapToDouble(r -> r.number(m[0])).min().orElse(0);
            double max = rows.stream().mapToDouble(r -> r.number(m[0])).max().orElse(0);
            boolean log = m[3].equals("log") && min > 0 && max >= 10 * min;
            chart.getStyler().setYAxisLogarithmic(log).setYAxisDecimalPattern(m[4]);
            if (log) {
                // bars grow from the axis' minimum, which a log axis must hold above zero
                chart.getStyler().setYAxisMin(min / 2);
            }
            if (m[0].equals("accuracy")) {
                chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
            }
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            chart.getStyler().setXAxisLabelRotation(30);
            for (String mode : trainModes) {
                List<String> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                for (Json r : rows) {
                    if (r.get("train").equals(mode)) {
                        x.add(r.get("execution") + (r.get("decision").equals("end") ? "" : " (early)"));
                        y.add(r.number(m[0]));
                    }
                }
                chart.addSeries("trained " + mode, x, y);
            }
            var image = BitmapEncoder.getBufferedImage(chart);
            AtomicFiles.write(plot.resolve("study-" + m[0].replace('_', '-') + ".png"), o -> ImageIO.write(image, "png", o));
        }
    }
}
