package org.snn4j.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snn4j.files.SafeFiles;

/**
 * Carries out a sweep into a folder, so that nothing finished is lost: every task's row is written
 * atomically to {@code rows/task-N.json} as the task completes (by the process that ran it); a sweep
 * started again with the same spec and folder takes the finished rows from there and runs only the
 * others; a task that fails is retried (up to {@code maxAttempts} attempts in all), then reported with
 * its options and error while the others complete. At the end: {@code rows.jsonl} and {@code rows.csv}
 * (every task in order), {@code summary.csv} and {@code summary.jsonl} (per grid point, each
 * metric's mean and standard deviation over the seeds that succeeded), and {@code summary.png} where
 * the grid has a numeric option of several values.
 */
public final class Sweep {
    static final ObjectMapper JSON = new ObjectMapper();

    private Sweep() {
    }

    /** Runs tasks somewhere and returns each one's row line (JSON), in the tasks' order. */
    public interface Executor {
        List<String> run(List<SweepTask> tasks, Path rows, int maxAttempts) throws Exception;
    }

    /** What a sweep did: tasks in all, taken from an earlier run, run now, failed. */
    public record Outcome(int tasks, int reused, int ran, int failed, List<String> lines, List<String> summary) {
    }

    /** Every task in this process, one after another. */
    public static final Executor IN_PROCESS = (tasks, rows, maxAttempts) -> {
        List<String> out = new ArrayList<>();
        for (SweepTask t : tasks) {
            String line = null;
            for (int attempt = 0; line == null; attempt++) {
                try {
                    line = execute(t, rows.toString(), attempt, maxAttempts);
                } catch (RetryableFailure e) {
                    // the next attempt
                }
            }
            out.add(line);
        }
        return out;
    };

    /** Thrown to ask for another attempt at a task (Spark retries a task that throws). */
    static final class RetryableFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RetryableFailure(String task, Throwable cause) {
            super("task " + task + " failed; to be retried: " + cause, cause);
        }
    }

    /**
     * Computes one task's row line; on success also writes it to {@code rows/task-N.json}. A failure
     * before the last attempt throws (to be retried), on the last it becomes a row with the error.
     */
    static String execute(SweepTask t, String rows, int attempt, int maxAttempts) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("task", t.index());
        line.put("key", t.key());
        line.putAll(t.point());
        line.put("seed", t.seed());
        try {
            Map<String, Object> row = Jobs.named(t.job()).run(t.options(), t.seed());
            line.put("status", "ok");
            line.putAll(row);
        } catch (Throwable e) {
            if (attempt + 1 < maxAttempts) {
                throw new RetryableFailure(t.key(), e);
            }
            line.put("status", "failed");
            line.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
            line.put("attempts", attempt + 1);
        }
        try {
            String text = JSON.writeValueAsString(line);
            if ("ok".equals(line.get("status"))) {
                SafeFiles.writeText(Path.of(rows, "task-" + t.index() + ".json"), text);
            }
            return text;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs the spec's sweep into {@code out} with the executor; writes the tables; reports failures on err. */
    public static Outcome run(SweepSpec spec, Path out, Executor executor, int maxAttempts, PrintWriter err)
            throws Exception {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("--max-attempts " + maxAttempts + ": must be >= 1");
        }
        Path rows = out.resolve("rows");
        Files.createDirectories(rows);
        Path identity = out.resolve("sweep.json");
        String id = spec.identity();
        if (Files.exists(identity)) {
            String before = Files.readString(identity).trim();
            if (!before.equals(id)) {
                throw new IllegalArgumentException("--out " + out + ": holds another sweep (" + before + "), not "
                        + spec.file() + "'s (" + id + "); give a new folder");
            }
        } else {
            SafeFiles.writeText(identity, id, spec.file());
        }
        List<SweepTask> tasks = spec.tasks();
        String[] lines = new String[tasks.size()];
        List<SweepTask> todo = new ArrayList<>();
        for (SweepTask t : tasks) {
            Path f = rows.resolve("task-" + t.index() + ".json");
            String line = Files.exists(f) ? Files.readString(f).trim() : null;
            if (line != null && finished(line, t)) {
                lines[t.index()] = line;
            } else {
                todo.add(t);
            }
        }
        int reused = tasks.size() - todo.size();
        if (!todo.isEmpty()) {
            List<String> done = executor.run(todo, rows, maxAttempts);
            for (int i = 0; i < todo.size(); i++) {
                lines[todo.get(i).index()] = done.get(i);
            }
        }
        int failed = 0;
        List<String> all = List.of(lines);
        for (String l : all) {
            JsonNode n = JSON.readTree(l);
            if (!"ok".equals(n.get("status").asText())) {
                failed++;
                err.println("sweep: task " + n.get("task").asInt() + " (" + n.get("key").asText() + ") failed after "
                        + n.get("attempts").asInt() + " attempt(s): " + n.get("error").asText());
            }
        }
        List<String> summary = write(out, spec, all);
        return new Outcome(tasks.size(), reused, todo.size(), failed, all, summary);
    }

    private static boolean finished(String line, SweepTask t) {
        try {
            JsonNode n = JSON.readTree(line);
            return n.path("key").asText().equals(t.key()) && n.path("status").asText().equals("ok");
        } catch (IOException e) {
            return false; // a damaged row is computed again
        }
    }

    /** rows.jsonl, rows.csv, summary.csv, summary.jsonl; returns the summary's lines as text (a table). */
    private static List<String> write(Path out, SweepSpec spec, List<String> lines) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        for (String l : lines) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = JSON.readValue(l, LinkedHashMap.class);
            rows.add(m);
            columns.addAll(m.keySet());
        }
        SafeFiles.writeText(out.resolve("rows.jsonl"), String.join("\n", lines), spec.file());
        SafeFiles.writeText(out.resolve("rows.csv"), csv(new ArrayList<>(columns), rows), spec.file());
        // per grid point: the metrics' mean and std over the seeds that succeeded
        List<String> options = new ArrayList<>(spec.grid().keySet());
        Map<String, List<Map<String, Object>>> byPoint = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            StringBuilder k = new StringBuilder();
            for (String o : options) {
                k.append(o).append('=').append(r.get(o)).append(',');
            }
            byPoint.computeIfAbsent(k.toString(), x -> new ArrayList<>()).add(r);
        }
        List<Map<String, Object>> summary = new ArrayList<>();
        Set<String> summaryColumns = new LinkedHashSet<>(options);
        summaryColumns.add("seeds_ok");
        summaryColumns.add("seeds_failed");
        for (List<Map<String, Object>> group : byPoint.values()) {
            Map<String, Object> s = new LinkedHashMap<>();
            for (String o : options) {
                s.put(o, group.get(0).get(o));
            }
            List<Map<String, Object>> ok = group.stream().filter(r -> "ok".equals(r.get("status"))).toList();
            s.put("seeds_ok", ok.size());
            s.put("seeds_failed", group.size() - ok.size());
            if (!ok.isEmpty()) {
                for (Map.Entry<String, Object> e : ok.get(0).entrySet()) {
                    if (!(e.getValue() instanceof Number) || e.getKey().equals("task") || e.getKey().equals("seed")
                            || options.contains(e.getKey())) {
                        continue;
                    }
                    double mean = 0;
                    for (Map<String, Object> r : ok) {
                        mean += ((Number) r.get(e.getKey())).doubleValue() / ok.size();
                    }
                    double var = 0;
                    for (Map<String, Object> r : ok) {
                        double d = ((Number) r.get(e.getKey())).doubleValue() - mean;
                        var += d * d;
                    }
                    s.put(e.getKey() + "_mean", mean);
                    s.put(e.getKey() + "_std", ok.size() > 1 ? Math.sqrt(var / (ok.size() - 1)) : 0.0);
                }
            }
            summaryColumns.addAll(s.keySet());
            summary.add(s);
        }
        List<String> jsonl = new ArrayList<>();
        for (Map<String, Object> s : summary) {
            jsonl.add(JSON.writeValueAsString(s));
        }
        SafeFiles.writeText(out.resolve("summary.jsonl"), String.join("\n", jsonl), spec.file());
        String table = csv(new ArrayList<>(summaryColumns), summary);
        SafeFiles.writeText(out.resolve("summary.csv"), table, spec.file());
        plot(out.resolve("summary.png"), spec, summary);
        return table(new ArrayList<>(summaryColumns), summary);
    }

    /**
     * summary.png, where the grid has a numeric option of several values: the first test metric's (or
     * else the first metric's) mean
     * (and std over the seeds) against it, a line for each combination of the other options.
     */
    private static void plot(Path file, SweepSpec spec, List<Map<String, Object>> summary) throws IOException {
        String x = null;
        for (Map.Entry<String, List<Object>> e : spec.grid().entrySet()) {
            if (x == null && e.getValue().size() > 1 && e.getValue().stream().allMatch(v -> v instanceof Number)) {
                x = e.getKey();
            }
        }
        String metric = null;
        for (Map<String, Object> s : summary) {
            for (String k : s.keySet()) {
                // the first test score if there is one (validation scores come first in a row), else the first
                if (k.endsWith("_mean") && (metric == null || (k.startsWith("test_") && !metric.startsWith("test_")))) {
                    metric = k.substring(0, k.length() - 5);
                }
            }
        }
        if (x == null || metric == null) {
            return;
        }
        org.knowm.xchart.XYChart c = new org.knowm.xchart.XYChartBuilder().width(900).height(600)
                .title(spec.job().name() + " sweep: " + metric + " against " + x).xAxisTitle(x)
                .yAxisTitle(metric + " (mean +- std over seeds)").build();
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        c.getStyler().setMarkerSize(8);
        c.getStyler().setErrorBarsColorSeriesColor(true);
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        for (Map<String, Object> s : summary) {
            if (s.get(metric + "_mean") == null) {
                continue;
            }
            StringBuilder label = new StringBuilder();
            for (String o : spec.grid().keySet()) {
                if (!o.equals(x) && spec.grid().get(o).size() > 1) {
                    label.append(label.length() == 0 ? "" : ", ").append(o).append('=').append(s.get(o));
                }
            }
            lines.computeIfAbsent(label.length() == 0 ? metric : label.toString(), k -> new ArrayList<>())
                    .add(new double[] {((Number) s.get(x)).doubleValue(), ((Number) s.get(metric + "_mean")).doubleValue(),
                        ((Number) s.get(metric + "_std")).doubleValue()});
        }
        for (Map.Entry<String, List<double[]>> e : lines.entrySet()) {
            List<double[]> p = e.getValue();
            c.addSeries(e.getKey(), p.stream().mapToDouble(v -> v[0]).toArray(), p.stream().mapToDouble(v -> v[1]).toArray(),
                    p.stream().mapToDouble(v -> v[2]).toArray());
        }
        java.awt.image.BufferedImage img = org.knowm.xchart.BitmapEncoder.getBufferedImage(c);
        SafeFiles.write(file, o -> javax.imageio.ImageIO.write(img, "png", o), spec.file());
    }

    /** The rows as CSV, without the last line's newline (the file writer adds it). */
    private static String csv(List<String> columns, List<Map<String, Object>> rows) {
        StringBuilder b = new StringBuilder(String.join(",", columns));
        for (Map<String, Object> r : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                Object v = r.get(c);
                String s = v == null ? "" : v.toString();
                cells.add(s.contains(",") || s.contains("\"") || s.contains("\n")
                        ? "\"" + s.replace("\"", "\"\"") + "\"" : s);
            }
            b.append('\n').append(String.join(",", cells));
        }
        return b.toString();
    }

    /** The summary as aligned text: options, seeds, and each metric as mean +- std. */
    private static List<String> table(List<String> columns, List<Map<String, Object>> rows) {
        List<String> heads = new ArrayList<>();
        for (String c : columns) {
            if (!c.endsWith("_std")) {
                heads.add(c.endsWith("_mean") ? c.substring(0, c.length() - 5) : c);
            }
        }
        List<List<String>> cells = new ArrayList<>();
        cells.add(heads);
        for (Map<String, Object> r : rows) {
            List<String> line = new ArrayList<>();
            for (String c : columns) {
                if (c.endsWith("_std")) {
                    continue;
                }
                Object v = r.get(c);
                if (c.endsWith("_mean") && v != null) {
                    Object sd = r.get(c.substring(0, c.length() - 5) + "_std");
                    line.add(String.format(Locale.ROOT, "%.4g +- %.2g", ((Number) v).doubleValue(),
                            ((Number) sd).doubleValue()));
                } else {
                    line.add(v == null ? "" : v.toString());
                }
            }
            cells.add(line);
        }
        int[] width = new int[heads.size()];
        for (List<String> l : cells) {
            for (int i = 0; i < l.size(); i++) {
                width[i] = Math.max(width[i], l.get(i).length());
            }
        }
        List<String> out = new ArrayList<>();
        for (List<String> l : cells) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < l.size(); i++) {
                b.append(String.format(Locale.ROOT, "%-" + (width[i] + 2) + "s", l.get(i)));
            }
            out.add(b.toString().stripTrailing());
        }
        return out;
    }
}
