package org.snn4j.cli;

import java.io.PrintWriter;
import org.snn4j.engine.ProgressListener;

/**
 * A progress bar on stderr that appears only once a run has taken more than a second: redrawn in
 * place on a terminal, a line every 5 seconds otherwise (logs stay short).
 */
final class ProgressBar implements ProgressListener {
    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private final PrintWriter err;
    private final String label;
    private final boolean terminal;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean finishedDrawn;
    private volatile String detail = "";

    /** Extra text shown after the bar (for example the running loss and accuracy). */
    void detail(String text) {
        detail = text;
    }

    ProgressBar(PrintWriter err, String label, boolean enabled) {
        this.err = err;
        this.label = label;
        this.enabled = enabled;
        this.terminal = System.console() != null;
    }

    @Override
    public void progress(long done, long total) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        boolean finished = done >= total;
        if (finished && finishedDrawn) {
            return;
        }
        if (now - start < SHOW_AFTER_NANOS || (!finished && now - lastDraw < (terminal ? 100_000_000L : 5_000_000_000L))) {
            return;
        }
        lastDraw = now;
        double fraction = total == 0 ? 1 : (double) done / total;
        double elapsed = (now - start) * 1e-9;
        double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : Double.NaN;
        int width = 30;
        int filled = (int) Math.round(fraction * width);
        String bar = String.format("%s [%s%s] %3.0f%%  %.1f s elapsed, ETA %.1f s%s", label, "#".repeat(filled),
                " ".repeat(width - filled), 100 * fraction, elapsed, eta, detail.isEmpty() ? "" : "  " + detail);
        if (terminal) {
            err.print("\r" + bar);
            if (finished) {
                err.println();
            }
        } else {
            err.println(bar);
        }
        err.flush();
        finishedDrawn = finished;
    }
}
