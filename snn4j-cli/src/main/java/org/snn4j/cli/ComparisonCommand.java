package org.snn4j.cli;

import java.awt.Color;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.snn4j.reservoir.Comparison;
import org.snn4j.reservoir.Comparison.Model;
import org.snn4j.reservoir.Comparison.Row;
import org.snn4j.reservoir.Comparison.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The reservoir comparisons, one command per task: an echo state network against spiking
 * reservoirs without and with delays, score against cost, as a table, JSON and plots.
 */
abstract class ComparisonCommand implements Callable<Integer> {
    /** {@code snn4j narma}. */
    @Command(name = "narma", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = {"NARMA-10 (washout 200, train 2000, test 2000): an echo state network against spiking "
                    + "reservoirs without and with heterogeneous delays. Every hyper-parameter is chosen on the "
                    + "validation span (last quarter of the training span) averaged over the seeds; the test span is "
                    + "scored once per seed.",
                "Prints a table (model, N, NMSE mean +- std, SynOps and neuron updates per input step, ESN MACs per "
                    + "step) and, with --json, the same rows as JSON (nmse_mean, nmse_std, nmse_per_seed, ...)."})
    static final class Narma extends ComparisonCommand {
        Narma() {
            super(Task.NARMA, "NMSE");
        }
    }

    /** {@code snn4j memory-capacity}. */
    @Command(name = "memory-capacity", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = {"Linear memory capacity (Jaeger): the sum over k = 1..40 of the squared correlation between "
                    + "u[t-k] and its ridge reconstruction, u i.i.d. uniform, same models, sizes, splits, seeds and "
                    + "validation-only tuning as 'narma' (the setting with the highest validation capacity wins).",
                "Prints the same table with MC instead of NMSE; --json rows carry memory_capacity_mean, "
                    + "memory_capacity_std, memory_capacity_per_seed."})
    static final class MemoryCapacity extends ComparisonCommand {
        MemoryCapacity() {
            super(Task.MEMORY_CAPACITY, "MC");
        }
    }

    private final Task task;
    private final String scoreLabel;

    ComparisonCommand(Task task, String scoreLabel) {
        this.task = task;
        this.scoreLabel = scoreLabel;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--neurons", split = ",", defaultValue = "50,100,200,400", paramLabel = "N[,N...]",
            description = "reservoir sizes")
    int[] neurons;

    @Option(names = "--models", split = ",", defaultValue = "esn,snn-nodelay,snn-delay", paramLabel = "MODEL[,...]",
            description = "esn (tanh echo state network), snn-delay (spiking: relay and coincidence neurons over "
                    + "heterogeneous delays, event-driven), snn-nodelay (the same with every delay 0), snn-recurrent "
                    + "(a recurrent spiking reservoir with delays and an encoder; not in the default) "
                    + "")
    List<String> models;

    @Option(names = "--seeds", defaultValue = "5", description = "seeds per setting")
    int seeds;

    @Option(names = "--threads", description = "parallel runs (default: the number of cores); results do not depend on it")
    Integer threads;

    @Option(names = "--spark", paramLabel = "MASTER", description = "run the grid's runs as Spark tasks on MASTER "
            + "(local[*], spark://HOST:PORT, yarn, k8s://...): the same rows as in-process (needs the snn4j-spark "
            + "module, which ./snn4j puts on the class path when --spark is given)")
    String spark;

    @Option(names = "--quick", description = "N = 50,100 and 2 seeds: a first look (7 s on 2 cores, 2026-12-01)")
    boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "write the rows as a JSON list (atomically)")
    Path json;

    @Option(names = "--plot", paramLabel = "DIR", description = "write PNGs: the score against operations per input "
            + "step, and for NARMA-10 the test-span prediction of the best model of each kind")
    Path plot;

    @Option(names = "--no-progress", description = "never show the progress bar")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        Options.output("--json", json);
        Options.outputFolder("--plot", plot);
        if (quick) {
            neurons = new int[] {50, 100};
            seeds = 2;
        }
        Options.atLeast("--seeds", seeds, 1);
        for (int n : neurons) {
            Options.atLeast("--neurons", n, 2);
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        Options.atLeast("--threads", workers, 1);
        List<Model> kinds = new ArrayList<>();
        for (String m : models) {
            kinds.add(Model.parse(m.trim()));
        }
        PrintWriter out = spec.commandLine().getOut();
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), spec.name(), !noProgress);
        Comparison.Runner runner = spark == null ? Comparison.threads(workers) : DistributedRunner.find().comparison(spark);
        List<Row> rows = Comparison.run(task, kinds, neurons, seeds, runner, (done, total) -> {
            synchronized (bar) {
                bar.progress(done, total);
            }
        });
        double[] esnMacs = new double[rows.size()];
        out.printf("%-14s %5s %18s %12s %16s %14s %16s%n", "model", "N", scoreLabel + " mean +- std", "SynOps/step",
                "updates/step", "ESN MACs/step", "ESN MACs/SynOps");
        List<Json> jsonRows = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            double macs = row.model() == Model.ESN ? row.macsPerStep() : (double) row.neurons() * row.neurons()
                    + row.neurons();
            esnMacs[r] = macs;
            double ratio = row.model() == Model.ESN || row.synOpsPerStep() == 0 ? Double.NaN
                    : macs / row.synOpsPerStep();
            out.printf("%-14s %5d %10.4f +- %.4f %12.0f %16.0f %14.0f %16s%n", row.model().label, row.neurons(),
                    row.scoreMean(), row.scoreStd(), row.synOpsPerStep(), row.neuronUpdatesPerStep(), macs,
                    Double.isNaN(ratio) ? "-" : String.format("%.1f", ratio));
            jsonRows.add(new Json().put("model", row.model().label).put("neurons", row.neurons())
                    .put(task.scoreName + "_mean", row.scoreMean()).put(task.scoreName + "_std", row.scoreStd())
                    .put(task.scoreName + "_per_seed", Arrays.stream(row.scorePerSeed()).boxed().toList())
                    .put("synops_per_step", row.synOpsPerStep()).put("neuron_updates_per_step", row.neuronUpdatesPerStep())
                    .put("macs_per_step", row.macsPerStep()).put("esn_macs_same_n", macs)
                    .put("spikes_per_neuron_per_step", row.spikesPerNeuronPerStep()).put("setting", row.setting()));
        }
        if (quick) {
            out.println("(quick: N = 50, 100 and 2 seeds; the full comparison is ./snn4j " + spec.name()
                    + ", N = 50..400 and 5 seeds)");
        }
        out.flush();
        if (json != null) {
            AtomicFiles.writeText(json, Json.list(jsonRows));
        }
        if (plot != null) {
            plots(rows);
        }
        return 0;
    }

    /** Operations per input step as the cost axis: MACs for the ESN, SynOps + neuron updates for spiking reservoirs. */
    private static double operations(Row r) {
        return r.model() == Model.ESN ? r.macsPerStep() : r.synOpsPerStep() + r.neuronUpdatesPerStep();
    }

    private void plots(List<Row> rows) throws java.io.IOException {
        for (Model m : Model.values()) {
            Row best = null;
            for (Row r : rows) {
                if (r.model() == m && r.prediction() != null && (best == null || r.scoreMean() < best.scoreMean())) {
                    best = r;
                }
            }
            if (best == null) {
                continue;
            }
            int from = best.splits().testStart();
            int len = 200;
            double[] t = new double[len];
            double[] y = new double[len];
            double[] p = new double[len];
            for (int i = 0; i < len; i++) {
                t[i] = i;
                y[i] = best.target()[from + i];
                p[i] = best.prediction()[from + i];
            }
            XYChart c = new XYChartBuilder().width(1000).height(400).title(String.format(java.util.Locale.ROOT,
                    "NARMA-10, %s N=%d (its best N): seed 1 of %d, test NMSE %.3f; the test span's first 200 steps",
                    m.label, best.neurons(), best.scorePerSeed().length, best.scorePerSeed()[0]))
                    .xAxisTitle("input step of the test span (from " + from + ")").yAxisTitle("y").build();
            c.getStyler().setYAxisMin(-0.05).setYAxisMax(1.0);
            c.getStyler().setMarkerSize(0).setChartBackgroundColor(Color.WHITE);
            c.addSeries("target", t, y).setMarker(SeriesMarkers.NONE).setLineColor(Color.BLACK);
            c.addSeries("prediction", t, p).setMarker(SeriesMarkers.NONE).setLineColor(new Color(200, 40, 40));
            var img = BitmapEncoder.getBufferedImage(c);
            AtomicFiles.write(plot.resolve("narma-prediction-" + m.label + ".png"), o -> ImageIO.write(img, "png", o));
        }
        XYChart c = new XYChartBuilder().width(900).height(600).title(spec.name() + ": test " + scoreLabel
                + " against operations per input step")
                .xAxisTitle("operations per input step (ESN: MACs; spiking: SynOps + neuron updates)")
                .yAxisTitle(scoreLabel).build();
        c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(task == Task.NARMA)
                .setYAxisDecimalPattern("0.###").setXAxisDecimalPattern("#,##0");
        c.getStyler().setErrorBarsColorSeriesColor(true);
        c.getStyler().setChartBackgroundColor(Color.WHITE).setMarkerSize(10);
        for (Model m : Model.values()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            int k = 0;
            for (Row r : rows) {
                if (r.model() == m) {
                    x.add(operations(r));
                    y.add(r.scoreMean());
                    // on a log axis a bar may not reach zero: cap it just above
                    err.add(task == Task.NARMA ? Math.min(r.scoreStd(), 0.95 * r.scoreMean()) : r.scoreStd());
                    // each point with its N and value: a log axis labels only its decades
                    // above and below in turn, so that neighbours' labels do not overlap
                    double at = task == Task.NARMA ? r.scoreMean() * (k++ % 2 == 0 ? 1.13 : 0.885)
                            : r.scoreMean() + (k++ % 2 == 0 ? 1 : -1);
                    c.addAnnotation(new org.knowm.xchart.AnnotationText(String.format(java.util.Locale.ROOT,
                            "N=%d: %.3g", r.neurons(), r.scoreMean()), operations(r), at, false));
                }
            }
            if (!x.isEmpty()) {
                c.addSeries(m.label + " (mean +- std over seeds)", x, y, err)
                        .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            }
        }
        var img = BitmapEncoder.getBufferedImage(c);
        String score = task.scoreName.replace('_', '-');
        String name = score.equals(spec.name()) ? score : spec.name() + "-" + score;
        AtomicFiles.write(plot.resolve(name + "-vs-operations.png"),
                o -> ImageIO.write(img, "png", o));
    }
}
