package org.snn4j.hardware;

import java.util.HashSet;
import java.util.Set;
import org.snn4j.engine.SpikeTrain;

/**
 * How far two runs of one population agree spike for spike (a float run and a chip's integer run):
 * the spikes in both, in either, their ratio, and the first step where they differ (-1 if none).
 */
public record Agreement(long both, long either, long firstDivergenceStep) {
    public double ratio() {
        return either == 0 ? 1 : (double) both / either;
    }

    /** Two recordings of one population, as (step, neuron) events (a repeated event counted once). */
    public static Agreement of(SpikeTrain a, SpikeTrain b) {
        Set<Long> x = events(a);
        Set<Long> y = events(b);
        Set<Long> either = new HashSet<>(x);
        either.addAll(y);
        long both = 0;
        long first = Long.MAX_VALUE;
        for (long e : either) {
            if (x.contains(e) && y.contains(e)) {
                both++;
            } else {
                first = Math.min(first, e >>> 32);
            }
        }
        return new Agreement(both, either.size(), first == Long.MAX_VALUE ? -1 : first);
    }

    private static Set<Long> events(SpikeTrain t) {
        Set<Long> s = new HashSet<>();
        for (int i = 0; i < t.steps().length; i++) {
            s.add(((long) t.steps()[i] << 32) | t.neurons()[i]);
        }
        return s;
    }
}
