package org.snn4j.engine;

/** Told how far a run has got, a few hundred times per run at most (never per step). */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> { };

    void progress(long stepsDone, long stepsTotal);
}
