package org.snn4j.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task of a sweep: its place in the sweep, its job, every option (the spec's values and the
 * defaults), which of them the spec names, and its seed. Small and serializable: Spark ships it to
 * an executor, which computes the row from it alone.
 */
public record SweepTask(int index, String job, LinkedHashMap<String, Object> options, List<String> given, long seed)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The task's identity: the named options and the seed, as "neurons=50,seed=1". */
    public String key() {
        StringBuilder b = new StringBuilder();
        for (String g : given) {
            b.append(g).append('=').append(options.get(g)).append(',');
        }
        return b.append("seed=").append(seed).toString();
    }

    /** The grid point (the named options, without the seed). */
    public Map<String, Object> point() {
        Map<String, Object> p = new LinkedHashMap<>();
        for (String g : given) {
            p.put(g, options.get(g));
        }
        return p;
    }
}
