package org.snn4j.engine;

import java.util.Arrays;
import org.snn4j.arrays.IntList;
import org.snn4j.kernel.LifStep;
import org.snn4j.kernel.StepConstants;
import org.snn4j.model.AnalogInput;

/**
 * One population as the event-driven engine holds it: each neuron's state sits at its own step
 * ({@code atStep}) until a touch (an arrival, a predicted self-driven crossing, a change of its analog
 * input) brings it up to date with the kernel ({@link LifStep}), exactly step by step or in closed
 * form; its next self-driven crossing is predicted after each touch and put in a calendar of step
 * buckets. A population whose resting drive alone takes it over threshold is stepped whole instead
 * ({@code dense}), in the clock engine's loops. Fields are grouped as NEST groups a model's:
 * parameters, state, internal (derived and predicted) values, buffers.
 */
final class LazyPopulation {
    /**
     * How far ahead a self-driven crossing is searched before the neuron is re-checked (the re-check
     * restores the searched state for free). Short, because every arrival restarts the search: on CUBA
     * (N = 4000, every neuron tonic) 1024 cost 942 M updates for the clock engine's 40 M, 32 cost 99 M,
     * 16 cost 70 M (the fastest), 8 cost 58 M but more re-checks.
     */
    static final int HORIZON = 16;
    /**
     * With closed-form catch-up, how far ahead a crossing is scheduled (the calendar's length): the
     * search costs no more for a far crossing (a PSP's peak can be 140 steps after its arrival).
     */
    static final int CLOSED_FORM_SPAN = 512;

    /** A projection's synapses into this population, for the asynchronous delivery of one spike. */
    record Edge(int[] rowStart, int[] targets, float[] weights, short[] delays, LazyPopulation target, int port) {
    }

    // ---- parameters
    /** This population's index in the network. */
    final int index;
    final String name;
    final int n;
    final StepConstants c;
    /** Every neuron updated every step (see EventEngine.stepSelfDriven), its arrivals in the ring; no lists, no calendar. */
    final boolean dense;
    /** Touches in closed form (else exact replay of the float steps). */
    private final boolean closedForm;

    // ---- state: V, currents, refractory counts and held V in the slice, each at its neuron's own step
    final Slice slice;
    /** Each neuron's state is its state at the end of this step. */
    private final int[] atStep;
    /** True once a neuron's state no longer changes from step to step (until it is touched; exact mode). */
    private final boolean[] fixed;

    // ---- internal: predictions, and the step of each neuron's last event under an asynchronous schedule
    /** The step of a neuron's predicted self-driven crossing (or re-check), or -1. */
    private final long[] nextSelf;
    private final IntList[] calendar;
    /** The predicted state just before the crossing, valid while nextSelf is and nothing touched it (exact mode). */
    private final float[] snapV;
    private final float[][] snapCurrent;
    private final int[] snapRefractory;
    private final float[] snapHeld;
    /** The step at which each neuron was opened, spiked, held, made pending (asynchronous schedule). */
    private final long[] openedAt;
    final long[] spikedAt;
    private final long[] heldAt;
    final long[] pendingAt;

    // ---- buffers
    /** The arrivals of each ring slot, in delivery order; null when dense (the slice's ring then). */
    final ArrivalLists lists;
    /** This step's arrivals per port and neuron, summed from the lists; zero once integrated. */
    private final float[][] arrivals;
    private final long[] candidateStamp;
    private final int[] candidates;
    /** The neurons opened this step (asynchronous schedule), to be predicted at its end. */
    private final IntList opened = new IntList(64);
    // one-neuron scratch for the prediction
    private final float[] sv = new float[1];
    private final float[][] sc;
    private final float[] pc;
    private final int[] sr = new int[1];
    private final float[] sh = new float[1];
    private final float[] se = new float[1];

    // ---- wiring and bookkeeping
    Outgoing[] outgoing = new Outgoing[0];
    Edge[] edges = new Edge[0];
    /** Where neurons become pending under an asynchronous schedule; null under the synchronous one. */
    AsyncSchedule schedule;
    final Recording recording;
    /** Neuron updates (touches, catch-up and prediction steps) so far. */
    long updates;

    LazyPopulation(int index, org.snn4j.model.Population pop, AnalogInput[] inputs, double dtSeconds, int slots,
            boolean stepSelfDriven, boolean closedForm) {
        this.index = index;
        name = pop.name();
        n = pop.size();
        c = new StepConstants(pop.model(), dtSeconds);
        this.closedForm = closedForm;
        dense = stepSelfDriven && inputs.length == 0 && selfDriven(c);
        slice = new Slice(pop, c, 0, n, dense ? slots : 1, inputs); // the ring only when stepped
        lists = dense ? null : new ArrivalLists(slots, c.ports);
        arrivals = dense ? null : new float[c.ports][n];
        atStep = new int[n];
        fixed = new boolean[n];
        nextSelf = new long[n];
        snapV = new float[n];
        snapCurrent = new float[c.ports][n];
        snapRefractory = new int[n];
        snapHeld = new float[n];
        candidateStamp = new long[n];
        candidates = new int[n];
        openedAt = new long[n];
        spikedAt = new long[n];
        heldAt = new long[n];
        pendingAt = new long[n];
        Arrays.fill(openedAt, -1);
        Arrays.fill(spikedAt, -1);
        Arrays.fill(heldAt, -1);
        Arrays.fill(pendingAt, -1);
        sc = new float[c.ports][1];
        pc = new float[c.ports];
        calendar = new IntList[(closedForm ? CLOSED_FORM_SPAN : HORIZON) + 1];
        for (int b = 0; b < calendar.length; b++) {
            calendar[b] = new IntList(16);
        }
        Arrays.fill(candidateStamp, -1);
        recording = new Recording(name, n);
        for (int i = 0; i < n && !dense; i++) {
            predict(i, 0);
        }
    }

    /** Whether the resting drive alone holds V_inf above threshold (every neuron fires by itself). */
    private static boolean selfDriven(StepConstants c) {
        if (c.beta >= 1f) {
            return c.restDrive > 0f;
        }
        return c.restDrive / (1 - (double) c.beta) > c.vThreshold;
    }

    /** Asynchronous schedule: opens the neurons touched at the start of step k (arrivals, self-crossings). */
    void open(long k, int slot) {
        if (dense) {
            openAll(k, slot);
            return;
        }
        int m = collect(k, slot);
        // ascending: the order neurons become pending is the order FIFO emits them
        Arrays.sort(candidates, 0, m);
        for (int j = 0; j < m; j++) {
            openOne(candidates[j], k);
        }
    }

    /**
     * {@link #openOne} for every neuron of a dense population, in the clock engine's vectorized
     * loops (bitwise integrateOne's for the neurons that are not refractory); the refractory ones
     * keep their held V and count down. In index order, as openOne would make them pending.
     */
    private void openAll(long k, int slot) {
        LifStep.integrate(0, n, c, slice.v, slice.current, slice.arrivals[slot], slice.ext, slice.drive);
        updates += n;
        float[] v = slice.v;
        int[] refractory = slice.refractory;
        for (int i = 0; i < n; i++) {
            openedAt[i] = k;
            if (refractory[i] > 0) {
                v[i] = slice.heldV[i];
                refractory[i]--;
                heldAt[i] = k;
            } else {
                heldAt[i] = -1;
                if (v[i] > c.vThreshold) {
                    makePending(i, k);
                }
            }
        }
    }

    /** Catches neuron i up and integrates its step k with the arrivals so far; pending if it crosses. */
    private void openOne(int i, long k) {
        boolean held;
        boolean crosses;
        if (closedForm) {
            long n = k - atStep[i];
            held = slice.refractory[i] >= n;
            crosses = LifStep.integrateClosedForm(i, c, slice.v, slice.current, arrivals, slice.ext,
                    slice.refractory, slice.heldV, n);
        } else {
            catchUp(i, k - 1);
            held = slice.refractory[i] > 0;
            crosses = LifStep.integrateOne(i, c, slice.v, slice.current, arrivals, slice.ext,
                    slice.refractory);
        }
        updates++;
        atStep[i] = (int) k;
        fixed[i] = false;
        openedAt[i] = k;
        heldAt[i] = held ? k : -1;
        opened.add(i);
        if (crosses) {
            makePending(i, k);
        }
    }

    /** A zero-delay arrival at a neuron already opened this step: integrated at once. */
    private void arriveNow(int i, int port, float w, long k) {
        // refractory, or already spiked this step: the current only
        boolean currentOnly = spikedAt[i] == k || heldAt[i] == k;
        LifStep.arrive(c, port, w, slice.v, slice.current[port], i, currentOnly);
        if (!currentOnly && slice.v[i] > c.vThreshold && pendingAt[i] != k) {
            makePending(i, k);
        }
    }

    private void makePending(int i, long k) {
        pendingAt[i] = k;
        schedule.pend(index, i);
    }

    /**
     * Pending neuron i is taken at step k: it fires if it is still above threshold (the schedule's
     * {@link AsyncSchedule.Handler#fire}); returns whether it did.
     */
    boolean fire(int i, long k) {
        pendingAt[i] = -1;
        if (!(slice.v[i] > c.vThreshold)) {
            return false;
        }
        LifStep.fire(i, c, slice.v, slice.refractory, slice.heldV);
        spikedAt[i] = k;
        recording.spike(i, k);
        return true;
    }

    /**
     * One spike of neuron pre along edge e (a projection into this population) under an asynchronous
     * schedule: zero-delay arrivals now, the others into the slots of their steps; returns the SynOps.
     */
    int deliver(Edge e, int pre, long k, int[] slotOfDelay) {
        int ports = c.ports;
        int from = e.rowStart[pre];
        int to = e.rowStart[pre + 1];
        for (int syn = from; syn < to; syn++) {
            int i = e.targets[syn];
            float w = e.weights[syn];
            int d = e.delays[syn];
            if (d > 0) {
                int slot = slotOfDelay[d];
                if (lists != null) {
                    lists.add(slot, i, e.port, w);
                } else {
                    slice.ring[slot * ports + e.port][i] += w;
                }
            } else {
                if (openedAt[i] != k) {
                    // first touch this step: its step is integrated without this arrival (it has no
                    // delayed ones, or it would have been opened), then the arrival comes like any other;
                    // so every zero-delay arrival adds to V and I the same way, which a trainer can follow
                    openOne(i, k);
                }
                arriveNow(i, e.port, w, k);
            }
        }
        return to - from;
    }

    /** After the step: the opened neurons search their next self-driven crossing. */
    void closeStep(long k) {
        for (int j = 0; j < opened.size(); j++) { // never a dense population's: openAll lists none
            predict(opened.get(j), k);
        }
        opened.clear();
    }

    /** End of step k: the rate count, and the recorded state variables (their neurons caught up to k). */
    void sample(long k) {
        recording.endStep();
        for (TraceRecorder r : recording.traces) {
            float[] array = slice.variable(r.variable);
            for (int i : r.neurons) {
                boolean behind = atStep[i] < k;
                catchUp(i, k);
                if (closedForm && behind && nextSelf[i] > k) {
                    predict(i, k); // the crossing from the new state, as its next touch will compute it
                }
                r.add(array[i]);
            }
        }
    }

    /** The neurons touched at step k (arrivals, self-crossings, analog changes), in candidates[0..m), unordered. */
    private int collect(long k, int slot) {
        int m = lists.drain(slot, arrivals, candidateStamp, k, candidates, 0);
        IntList due = calendar[(int) (k % calendar.length)];
        if (slice.hasInputs() && slice.inputChangesAt(k)) {
            // the old value holds up to k - 1: bring everyone there first, then apply the new one
            for (int i = 0; i < n; i++) {
                catchUp(i, k - 1);
            }
            slice.updateExternalDrive(k);
            for (int i = 0; i < n; i++) {
                if (candidateStamp[i] != k) {
                    candidateStamp[i] = k;
                    candidates[m++] = i;
                }
            }
        } else {
            for (int j = 0; j < due.size(); j++) {
                int i = due.get(j);
                // a neuron can be in the bucket twice (re-predicted for the same step), or reached
                if (nextSelf[i] == k && candidateStamp[i] != k) {
                    candidateStamp[i] = k;
                    candidates[m++] = i;
                }
            }
        }
        due.clear();
        return m;
    }

    /** Processes the neurons touched at step k; returns the spike count (spikes in slice.spikes, ascending). */
    int step(long k, int slot) {
        if (dense) {
            updates += n;
            return slice.step(k, slot);
        }
        int m = collect(k, slot);
        int count = 0;
        for (int j = 0; j < m; j++) {
            int i = candidates[j];
            updates++;
            boolean spikes;
            if (closedForm) {
                spikes = LifStep.integrateClosedForm(i, c, slice.v, slice.current, arrivals, slice.ext,
                        slice.refractory, slice.heldV, k - atStep[i]);
                if (spikes) {
                    LifStep.fire(i, c, slice.v, slice.refractory, slice.heldV);
                }
            } else {
                catchUp(i, k - 1);
                spikes = LifStep.advanceOne(i, c, slice.v, slice.current, arrivals, slice.ext, slice.refractory,
                        slice.heldV);
                fixed[i] = false; // (closed form never sets it)
            }
            if (spikes) {
                slice.spikes[count++] = i;
            }
            atStep[i] = (int) k;
            predict(i, k);
        }
        // the clock engine's order (ascending), which fixes the order of the arrivals' float sums;
        // the spikes are few, the touched neurons many, so they are sorted rather than the candidates
        Arrays.sort(slice.spikes, 0, count);
        return count;
    }

    /**
     * Brings neuron i's state to the end of step target: one exact step at a time, or (closed-form
     * catch-up) exactly through its refractory steps and then in closed form.
     */
    private void catchUp(int i, long target) {
        if (dense || atStep[i] >= target) {
            return;
        }
        if (closedForm) {
            LifStep.integrateClosedForm(i, c, slice.v, slice.current, null, slice.ext, slice.refractory,
                    slice.heldV, target - atStep[i]);
            updates++;
            atStep[i] = (int) target;
            return;
        }
        if (nextSelf[i] == target + 1) {
            // the prediction stopped just before this step: its state is the caught-up one
            slice.v[i] = snapV[i];
            for (int p = 0; p < c.ports; p++) {
                slice.current[p][i] = snapCurrent[p][i];
            }
            slice.refractory[i] = snapRefractory[i];
            slice.heldV[i] = snapHeld[i];
            atStep[i] = (int) target;
            return;
        }
        while (atStep[i] < target && !fixed[i]) {
            float v0 = slice.v[i];
            int r0 = slice.refractory[i];
            boolean same = true;
            float[][] cur = slice.current;
            for (int p = 0; p < c.ports && same; p++) {
                same = cur[p][i] == 0f;
            }
            if (LifStep.advanceOne(i, c, slice.v, cur, null, slice.ext, slice.refractory, slice.heldV)) {
                throw new IllegalStateException("neuron " + i + " of '" + name + "' crossed threshold at step "
                        + (atStep[i] + 1) + " outside its predicted crossing (internal error)");
            }
            updates++;
            atStep[i]++;
            fixed[i] = same && r0 == 0 && slice.refractory[i] == 0 && Float.compare(v0, slice.v[i]) == 0;
        }
        atStep[i] = (int) target;
    }

    /**
     * Runs neuron i's update ahead on a copy of its state from step k without arrivals, up to the
     * horizon: the first crossing is put in the calendar with the state just before it; a state
     * that stops changing never crosses; otherwise the neuron is re-checked at the horizon.
     */
    private void predict(int i, long k) {
        if (closedForm) {
            predictClosedForm(i, k);
            return;
        }
        nextSelf[i] = -1;
        if (cannotCross(i)) {
            return;
        }
        sv[0] = slice.v[i];
        for (int p = 0; p < c.ports; p++) {
            sc[p][0] = slice.current[p][i];
        }
        sr[0] = slice.refractory[i];
        sh[0] = slice.heldV[i];
        float[] ext = null;
        if (slice.ext != null) {
            se[0] = slice.ext[i];
            ext = se;
        }
        int h = 1;
        // the state before each step is kept in pv, pc, pr, ph and becomes the snapshot of the step
        // the neuron is scheduled at
        float pv = 0;
        int pr = 0;
        float ph = 0;
        for (; h <= HORIZON; h++) {
            pv = sv[0];
            boolean quiet = sr[0] == 0;
            for (int p = 0; p < c.ports; p++) {
                pc[p] = sc[p][0];
                quiet &= pc[p] == 0f;
            }
            pr = sr[0];
            ph = sh[0];
            if (LifStep.advanceOne(0, c, sv, sc, null, ext, sr, sh)) {
                updates++;
                schedule(i, k + h, pv, pr, ph);
                return;
            }
            if (quiet && sr[0] == 0 && Float.compare(pv, sv[0]) == 0) {
                return; // at rest: a neuron that stays put costs nothing
            }
            updates++;
        }
        // no crossing within the horizon: re-check then, from the state just before that step
        schedule(i, k + HORIZON, pv, pr, ph);
    }

    /**
     * Closed-form catch-up's search for neuron i's next crossing from its state at step k: the V
     * of each later step is the one the closed-form touch will compute there ({@link LifStep#freeV},
     * rounded to float), so the crossing scheduled is the one the touch finds. A neuron driven
     * through one port has, once free, V(m) = C + A beta^m + B alpha^m, with at most one extremum
     * (where the derivative vanishes): its maximum says whether it crosses at all and where the
     * search can stop. Otherwise the search runs to the horizon and the neuron is re-checked there.
     */
    private void predictClosedForm(int i, long k) {
        nextSelf[i] = -1;
        if (cannotCross(i)) {
            return;
        }
        int r = slice.refractory[i];
        int span = calendar.length - 1;
        if (r >= span) {
            scheduleAt(i, k + span);
            return;
        }
        int port = drivingPort(i);
        if (port >= 0 && c.oneExtremum(port)) {
            double vh = r > 0 ? slice.heldV[i] : slice.v[i];
            double x = r > 0 ? c.alphaPow(port, r) * slice.current[port][i] : slice.current[port][i];
            double vInf = (slice.ext == null ? c.restDrive : (double) c.restDrive + slice.ext[i]) * c.vInfPerDrive;
            double scaled = c.psc(port) * x * c.invBetaMinusAlpha(port);
            double a = vh - vInf + scaled; // V(m) = vInf + a beta^m + b alpha^m
            double b = -scaled;
            double ratio = -b * c.lnAlpha(port) / (a * c.lnBeta);
            boolean maximum = ratio > 0 && (c.alpha(port) < c.beta ? a : b) > 0;
            double mStar = maximum ? Math.log(ratio) * c.invLnBetaOverAlpha(port) : 0;
            updates++;
            if (maximum && mStar >= 1) {
                if (r + mStar + 1 <= span) {
                    scheduleRisingCrossing(i, k, r, (long) mStar);
                    return;
                } // a maximum beyond the calendar: searched to the horizon below, then re-checked
            } else if (maximum || vInf + a * c.beta + b * c.alpha(port) >= vInf) {
                // no rise after the first free step (a maximum before it, or a monotone fall)
                if (crossesAt(i, r, 1)) {
                    scheduleAt(i, k + r + 1);
                }
                return;
            } else if (vInf < c.vThreshold - 1e-4 * (Math.abs(c.vThreshold) + Math.abs(vInf))
                    && !crossesAt(i, r, 1)) {
                return; // a monotone rise or a dip towards vInf, which is below threshold
            }
        }
        long last = Math.min(span, r + HORIZON);
        for (long h = r + 1; h <= last; h++) {
            if (crossesAt(i, r, h - r)) {
                scheduleAt(i, k + h);
                return;
            }
        }
        scheduleAt(i, k + last); // re-check then
    }

    /**
     * Neuron i's V rises to its maximum at free step m0 or m0 + 1, then falls: the crossing, if
     * any, is the first free step over threshold before it, found by bisection.
     */
    private void scheduleRisingCrossing(int i, long k, int r, long m0) {
        long top = crossesAt(i, r, m0) ? m0 : crossesAt(i, r, m0 + 1) ? m0 + 1 : -1;
        if (top < 0) {
            return;
        }
        long below = 0; // free step 0: the present state (or the held V), below threshold
        while (top - below > 1) {
            long mid = (below + top) >>> 1;
            if (crossesAt(i, r, mid)) {
                top = mid;
            } else {
                below = mid;
            }
        }
        scheduleAt(i, k + r + top);
    }

    /**
     * Whether neuron i, refractory for r more steps, is over threshold after r + m steps without
     * arrivals, as the closed-form touch will compute it then.
     */
    private boolean crossesAt(int i, int r, long m) {
        updates++;
        return (float) LifStep.freeV(i, c, slice.v, slice.current, slice.ext, slice.heldV, r, r + m) > c.vThreshold;
    }

    /** The one port with a non-zero current (0 if none), or -1 when several have one. */
    private int drivingPort(int i) {
        int port = 0;
        int nonZero = 0;
        for (int p = 0; p < c.ports; p++) {
            if (slice.current[p][i] != 0f) {
                port = p;
                nonZero++;
            }
        }
        return nonZero > 1 ? -1 : port;
    }

    /** Puts neuron i in the calendar at step {@code at} (closed form: no snapshot, the touch recomputes it). */
    private void scheduleAt(int i, long at) {
        nextSelf[i] = at;
        calendar[(int) (at % calendar.length)].add(i);
    }

    /** Puts neuron i in the calendar at step {@code at}, with the predicted state just before it (and pc). */
    private void schedule(int i, long at, float v, int refractory, float held) {
        snapV[i] = v;
        for (int p = 0; p < c.ports; p++) {
            snapCurrent[p][i] = pc[p];
        }
        snapRefractory[i] = refractory;
        snapHeld[i] = held;
        nextSelf[i] = at;
        calendar[(int) (at % calendar.length)].add(i);
    }

    /**
     * A conservative bound: without arrivals, V stays below max(V, held V, V_inf) plus every port's
     * positive drive at its peak, psc I times the peak of the unit response. If that is below threshold
     * by a margin far above float rounding, the neuron cannot cross until it is touched, and its
     * prediction is skipped. (The bound decides only whether to search, never what the state is.)
     */
    private boolean cannotCross(int i) {
        float[] ext = slice.ext;
        float[][] current = slice.current;
        double vInf = (c.restDrive + (ext == null ? 0 : ext[i])) * c.vInfPerDrive;
        double bound = Math.max(Math.max(slice.v[i], slice.heldV[i]), vInf);
        for (int p = 0; p < c.ports; p++) {
            double drive = (double) c.psc(p) * current[p][i];
            if (drive > 0) {
                bound += drive * c.peakGain(p);
            }
        }
        double margin = 1e-4 * (Math.abs(c.vThreshold) + Math.abs(bound) + Math.abs(vInf)) + 1e-30;
        return bound < c.vThreshold - margin;
    }
}
