package org.snn4j.spark;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep as its YAML (or JSON) file describes it: the job, a grid of values per option, and the
 * seeds. Tasks are the grid's cartesian product (the first option outermost), each run for every
 * seed (innermost). Every error names the file, the field and the value.
 *
 * <pre>
 * job: narma            # narma, memory-capacity, train, run, async-study
 * grid:
 *   model: [snn-delay]
 *   neurons: [50, 100]
 *   pair_lag: [3, 6]    # a single value need not be a list
 * seeds: [0, 1, 2]      # or a count: seeds: 3
 * </pre>
 */
public record SweepSpec(Path file, Job job, LinkedHashMap<String, List<Object>> grid, List<Long> seeds) {
    private static final Set<String> KEYS = Set.of("job", "grid", "seeds");

    public static SweepSpec read(Path file) throws IOException {
        JsonNode root;
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = yaml.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("sweep spec " + file + ": no such file");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("sweep spec " + file + ": not valid YAML: "
                    + e.getOriginalMessage().replace('\n', ' '));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("sweep spec " + file + ": expected a mapping with job, grid and seeds");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("sweep spec " + file + ": unknown field '" + k
                        + "' (expected job, grid, seeds)");
            }
        }
        JsonNode jobNode = root.get("job");
        if (jobNode == null || !jobNode.isTextual()) {
            throw new IllegalArgumentException("sweep spec " + file + ": field 'job' must name the job, got " + jobNode);
        }
        Job job;
        try {
            job = Jobs.named(jobNode.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sweep spec " + file + ": field 'job': " + e.getMessage());
        }
        LinkedHashMap<String, List<Object>> grid = new LinkedHashMap<>();
        JsonNode gridNode = root.get("grid");
        if (gridNode != null && !gridNode.isObject() && !gridNode.isNull()) {
            throw new IllegalArgumentException("sweep spec " + file + ": field 'grid' must map options to values");
        }
        if (gridNode != null && gridNode.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = gridNode.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey();
                String field = "grid." + name;
                if (!job.options().containsKey(name) && !job.takesExtra(name)) {
                    throw new IllegalArgumentException("sweep spec " + file + ": field '" + field + "': job "
                            + job.name() + " has no option '" + name + "' (its options: " + job.options().keySet() + ")");
                }
                List<JsonNode> values = new ArrayList<>();
                if (e.getValue().isArray()) {
                    ((ArrayNode) e.getValue()).forEach(values::add);
                } else {
                    values.add(e.getValue());
                }
                if (values.isEmpty()) {
                    throw new IllegalArgumentException("sweep spec " + file + ": field '" + field
                            + "': an empty list of values (the sweep would have no task)");
                }
                List<Object> typed = new ArrayList<>();
                for (JsonNode v : values) {
                    Object value = typed(job.options().get(name), v);
                    if (value == null) {
                        throw new IllegalArgumentException("sweep spec " + file + ": field '" + field + "': value " + v
                                + " is not " + typeName(job.options().get(name)));
                    }
                    if (typed.contains(value)) {
                        throw new IllegalArgumentException("sweep spec " + file + ": field '" + field + "': value " + v
                                + " is given twice");
                    }
                    typed.add(value);
                }
                grid.put(name, typed);
            }
        }
        List<Long> seeds = new ArrayList<>();
        JsonNode seedNode = root.get("seeds");
        if (seedNode == null) {
            seeds.add(0L);
        } else if (seedNode.isIntegralNumber() && seedNode.canConvertToLong()) {
            long n = seedNode.asLong();
            if (n < 1 || n > 100_000) {
                throw new IllegalArgumentException("sweep spec " + file + ": field 'seeds': " + n
                        + " seeds; expected a count in [1, 100000] or a list");
            }
            for (long s = 0; s < n; s++) {
                seeds.add(s);
            }
        } else if (seedNode.isArray() && seedNode.size() > 0) {
            Set<Long> seen = new LinkedHashSet<>();
            for (JsonNode s : seedNode) {
                if (!s.isIntegralNumber() || !s.canConvertToLong() || s.asLong() < 0 || s.asLong() > Integer.MAX_VALUE
                        || !seen.add(s.asLong())) {
                    throw new IllegalArgumentException("sweep spec " + file + ": field 'seeds': value " + s
                            + " is not a new integer in [0, " + Integer.MAX_VALUE + "]");
                }
            }
            seeds.addAll(seen);
        } else {
            throw new IllegalArgumentException("sweep spec " + file + ": field 'seeds': " + seedNode
                    + " is neither a count nor a non-empty list of integers");
        }
        SweepSpec spec = new SweepSpec(file, job, grid, List.copyOf(seeds));
        long tasks = (long) seeds.size();
        for (List<Object> v : grid.values()) {
            tasks *= v.size();
        }
        if (tasks > 1_000_000) {
            throw new IllegalArgumentException("sweep spec " + file + ": " + tasks + " tasks; at most 1000000");
        }
        for (SweepTask t : spec.tasks()) {
            if (t.seed() == seeds.get(0)) {
                try {
                    job.check(t.options(), new LinkedHashSet<>(t.given()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("sweep spec " + file + ": grid point " + t.point() + ": "
                            + e.getMessage());
                }
            }
        }
        return spec;
    }

    /** The value as the option's type (that of its default), or null when it is not of that type. */
    private static Object typed(Object def, JsonNode v) {
        if (def == null) {
            // an extra option: any scalar
            return v.isIntegralNumber() && v.canConvertToLong() ? (Object) v.asLong() : v.isNumber()
                    ? (Object) v.asDouble() : v.isBoolean() ? (Object) v.asBoolean() : v.isTextual() ? v.asText() : null;
        }
        if (def instanceof Long) {
            return v.isIntegralNumber() && v.canConvertToLong() ? (Object) v.asLong() : null;
        }
        if (def instanceof Double) {
            return v.isNumber() && Double.isFinite(v.asDouble()) ? (Object) v.asDouble() : null;
        }
        if (def instanceof Boolean) {
            return v.isBoolean() ? (Object) v.asBoolean() : null;
        }
        return v.isTextual() ? v.asText() : null;
    }

    private static String typeName(Object def) {
        return def == null ? "a number, a text or true/false" : def instanceof Long ? "an integer" : def instanceof Double ? "a number" : def instanceof Boolean
                ? "true or false" : "a text";
    }

    /** The tasks: the grid's cartesian product in the spec's order, each for every seed. */
    public List<SweepTask> tasks() {
        List<String> names = new ArrayList<>(grid.keySet());
        List<SweepTask> out = new ArrayList<>();
        int[] at = new int[names.size()];
        while (true) {
            LinkedHashMap<String, Object> options = new LinkedHashMap<>(job.options());
            for (int i = 0; i < names.size(); i++) {
                options.put(names.get(i), grid.get(names.get(i)).get(at[i]));
            }
            for (long s : seeds) {
                out.add(new SweepTask(out.size(), job.name(), options, List.copyOf(names), s));
            }
            int i = names.size() - 1;
            while (i >= 0 && ++at[i] == grid.get(names.get(i)).size()) {
                at[i--] = 0;
            }
            if (i < 0) {
                return out;
            }
        }
    }

    /** The sweep's identity: job, grid and seeds, as one line of JSON (a resumed sweep must have the same). */
    public String identity() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", job.name());
        m.put("grid", grid);
        m.put("seeds", seeds);
        try {
            return new ObjectMapper().writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
