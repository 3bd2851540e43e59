package org.snn4j.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.snn4j.model.Connect;
import org.snn4j.model.Connector;
import org.snn4j.model.CubaLif;
import org.snn4j.model.Delays;
import org.snn4j.model.Discretisation;
import org.snn4j.model.InitialV;
import org.snn4j.model.Network;
import org.snn4j.model.Port;
import org.snn4j.model.ResetMode;
import org.snn4j.model.SpikeSource;
import org.snn4j.model.Weights;

/**
 * Reads a network from a JSON file, or the same fields in YAML ({@code .yaml} / {@code .yml}; the
 * format is in the README): populations with their neuron
 * model and initial potential, spike sources, projections with connector, weights and delays, an
 * optional output population, the time step and the seed. Every error names the file and the field
 * (as a path such as {@code projections[2].delays}), and malformed JSON or YAML its line and column.
 */
public final class NetworkFiles {
    private final Long seedOverride;
    private final Double dtOverride;

    private NetworkFiles(Long seed, Double dtSeconds) {
        this.seedOverride = seed;
        this.dtOverride = dtSeconds;
    }

    /**
     * Reads a network file (JSON, or YAML for a {@code .yaml} / {@code .yml} name). Any error is an
     * {@link IllegalArgumentException} whose one-line message names the file and the field.
     */
    public static NetworkFile read(Path path) {
        return read(path, null, null);
    }

    /**
     * Reads a network file with its seed or time step replaced (null: the file's), as
     * {@code snn4j run --seed --dt} do: the network is built from the given seed.
     */
    public static NetworkFile read(Path path, Long seed, Double dtSeconds) {
        return read(path, seed, dtSeconds, Map.of());
    }

    /**
     * Reads a network file with some of its values replaced first: each key a dotted path to a value
     * the file has ({@code populations.0.neuron.tau_mem_s}, array elements by index), each value a
     * number, text or flag; a path the file does not have is an error naming it (a misspelt key would
     * otherwise change nothing).
     */
    public static NetworkFile read(Path path, Long seed, Double dtSeconds, Map<String, Object> overrides) {
        NetworkFiles f = new NetworkFiles(seed, dtSeconds);
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        JsonNode root;
        try {
            root = parse(readText(path), yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ", line " + e.getLocation().getLineNr() + " column "
                    + e.getLocation().getColumnNr();
            throw new IllegalArgumentException("network file " + path + where + ": malformed " + (yaml ? "YAML" : "JSON")
                    + " (" + e.getOriginalMessage() + ")");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("network file " + path + ": no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IllegalArgumentException("network file " + path + ": permission denied");
        } catch (IOException e) {
            throw new IllegalArgumentException("network file " + path + ": cannot read it (" + e.getMessage() + ")");
        } catch (Bad e) {
            throw new IllegalArgumentException("network file " + path + ", " + e.getMessage());
        }
        if (root == null) {
            root = com.fasterxml.jackson.databind.node.MissingNode.getInstance(); // an empty file
        }
        for (Map.Entry<String, Object> o : overrides.entrySet()) {
            override(path, root, o.getKey(), o.getValue());
        }
        try {
            return f.spec(root, path.toAbsolutePath().getParent());
        } catch (Bad e) {
            throw new IllegalArgumentException("network file " + path + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("network file " + path + ": " + e.getMessage());
        }
    }

    /**
     * Writes a network as a network file (JSON) that builds the same network again: every synapse,
     * weight, delay and initial potential explicit ({@link NetworkFileWriter}). Written atomically; a
     * target among {@code inputs} (the files the command reads) is refused.
     */
    public static void write(Path target, Network net, double dtSeconds, String output, Path... inputs)
            throws IOException {
        org.snn4j.files.SafeFiles.write(target, out -> NetworkFileWriter.write(out, net, dtSeconds, output), inputs);
    }

    private static void override(Path path, JsonNode root, String key, Object value) {
        String[] parts = key.split("\\.", -1);
        JsonNode at = root;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            boolean last = i == parts.length - 1;
            JsonNode next = at.isArray() && p.matches("\\d{1,9}") ? at.get(Integer.parseInt(p)) : at.isObject()
                    ? at.get(p) : null;
            if (next == null) {
                throw new IllegalArgumentException("network file " + path + ": override '" + key + "': the file has no '"
                        + p + "' at '" + String.join(".", java.util.Arrays.copyOf(parts, i)) + "'");
            }
            if (last) {
                JsonNode v = value instanceof Long l ? com.fasterxml.jackson.databind.node.LongNode.valueOf(l)
                        : value instanceof Number n ? com.fasterxml.jackson.databind.node.DoubleNode.valueOf(n.doubleValue())
                        : value instanceof Boolean b ? com.fasterxml.jackson.databind.node.BooleanNode.valueOf(b)
                        : com.fasterxml.jackson.databind.node.TextNode.valueOf(String.valueOf(value));
                if (at.isArray()) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) at).set(Integer.parseInt(p), v);
                } else {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) at).set(p, v);
                }
            }
            at = next;
        }
    }

    /** The file's text: UTF-8, or an error that says what the file is instead. */
    private static String readText(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException("it is a directory");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new IOException("not a regular file (a device or a pipe); expected a JSON or YAML network file");
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (Files.size(path) > heap / 8) {
            // the text, its tree and the network built from it take several times the file's size
            throw new IOException(Files.size(path) + " bytes, too large a network file for the " + (heap >> 20)
                    + " MiB this JVM may use; raise it with SNN4J_JAVA_OPTS=-Xmx<size>");
        }
        byte[] bytes = Files.readAllBytes(path);
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException("not UTF-8 text (a binary or UTF-16 file?); expected a JSON or YAML network file");
        }
    }

    /**
     * One JSON or YAML document as a tree, strictly: duplicate keys, YAML aliases (which Jackson would
     * turn into the anchor's name) and anything after the document (JSON trailing garbage, a second
     * YAML document) are errors with their line and column.
     */
    private static JsonNode parse(String text, boolean yaml) throws IOException {
        ObjectMapper mapper = yaml ? new YAMLMapper() : new ObjectMapper();
        mapper.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        if (yaml) {
            try (com.fasterxml.jackson.core.JsonParser p = mapper.createParser(text)) {
                while (p.nextToken() != null) {
                    if (((com.fasterxml.jackson.dataformat.yaml.YAMLParser) p).isCurrentAlias()) {
                        throw new Bad(at(p.currentTokenLocation()), "YAML alias *" + p.getText()
                                + " is not supported: write the value out");
                    }
                }
            }
        }
        try (com.fasterxml.jackson.core.JsonParser p = mapper.createParser(text)) {
            JsonNode root = mapper.readTree(p);
            if (p.nextToken() != null) {
                throw new Bad(at(p.currentTokenLocation()), yaml ? "a second YAML document: a network file holds one"
                        : "more after the end of the JSON document");
            }
            return root;
        }
    }

    private static String at(com.fasterxml.jackson.core.JsonLocation l) {
        return "line " + l.getLineNr() + " column " + l.getColumnNr();
    }

    /** An error at a field path (the message then names the file). */
    private static final class Bad extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bad(String path, String message) {
            super(path + ": " + message, null, false, false);
        }
    }

    private NetworkFile spec(JsonNode root, Path folder) {
        object(root, "(top level)");
        fields(root, "(top level)", "dt_s", "seed", "populations", "sources", "projections", "analog_inputs", "output",
                "record");
        Network.Builder b = Network.builder();
        JsonNode pops = required(root, "populations", "");
        array(pops, "populations");
        for (int i = 0; i < pops.size(); i++) {
            population(b, pops.get(i), "populations[" + i + "]");
        }
        JsonNode sources = root.get("sources");
        if (sources != null) {
            array(sources, "sources");
            for (int i = 0; i < sources.size(); i++) {
                source(b, sources.get(i), "sources[" + i + "]");
            }
        }
        JsonNode projections = root.get("projections");
        if (projections != null) {
            array(projections, "projections");
            for (int i = 0; i < projections.size(); i++) {
                projection(b, projections.get(i), "projections[" + i + "]");
            }
        }
        JsonNode analog = root.get("analog_inputs");
        if (analog != null) {
            array(analog, "analog_inputs");
            for (int i = 0; i < analog.size(); i++) {
                analogInput(b, analog.get(i), "analog_inputs[" + i + "]");
            }
        }
        double dt = dtOverride != null ? dtOverride : root.has("dt_s") ? number(root.get("dt_s"), "dt_s") : 1e-4;
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new Bad(dtOverride != null ? "dt" : "dt_s", dt + ": must be a finite number > 0");
        }
        long seed = seedOverride != null ? seedOverride : root.has("seed") ? integer(root.get("seed"), "seed") : 1;
        String output = root.has("output") ? text(root.get("output"), "output") : null;
        Network net = b.build(seed);
        if (output != null && net.populationIndex(output) < 0) {
            throw new Bad("output", "'" + output + "': no such population");
        }
        NetworkFile.Record record = root.has("record") ? record(root.get("record"), folder, net)
                : NetworkFile.Record.NONE;
        return new NetworkFile(net, dt, output, seed, record);
    }

    /** The "record" section, checked against the network. */
    private static NetworkFile.Record record(JsonNode r, Path folder, Network net) {
        object(r, "record");
        fields(r, "record", "spikes", "spikes_of", "traces", "rates", "raster");
        Path spikes = r.has("spikes") ? folder.resolve(text(r.get("spikes"), "record.spikes")) : null;
        java.util.List<String> spikesOf = new java.util.ArrayList<>();
        if (r.has("spikes_of")) {
            JsonNode a = r.get("spikes_of");
            array(a, "record.spikes_of");
            for (int i = 0; i < a.size(); i++) {
                String f = "record.spikes_of[" + i + "]";
                String text = text(a.get(i), f);
                try {
                    Recordings.Selection.parse(text).neuronsIn(net);
                } catch (IllegalArgumentException e) {
                    throw new Bad(f, e.getMessage());
                }
                spikesOf.add(text);
            }
            if (spikes == null) {
                throw new Bad("record.spikes_of", "needs \"spikes\": the file the spikes go to");
            }
        }
        Map<Path, java.util.List<String>> traces = new java.util.LinkedHashMap<>();
        if (r.has("traces")) {
            JsonNode t = r.get("traces");
            object(t, "record.traces");
            for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String f = "record.traces." + e.getKey();
                array(e.getValue(), f);
                java.util.List<String> list = new java.util.ArrayList<>();
                for (int i = 0; i < e.getValue().size(); i++) {
                    String text = text(e.getValue().get(i), f + "[" + i + "]");
                    try {
                        Recordings.Trace.parse(text).neuronsIn(net);
                    } catch (IllegalArgumentException x) {
                        throw new Bad(f + "[" + i + "]", x.getMessage());
                    }
                    list.add(text);
                }
                traces.put(folder.resolve(e.getKey()), list);
            }
        }
        java.util.List<String> rates = new java.util.ArrayList<>();
        if (r.has("rates")) {
            JsonNode a = r.get("rates");
            array(a, "record.rates");
            for (int i = 0; i < a.size(); i++) {
                String f = "record.rates[" + i + "]";
                String text = text(a.get(i), f);
                try {
                    Recordings.population(net, text.split(":", -1)[0]);
                } catch (IllegalArgumentException x) {
                    throw new Bad(f, x.getMessage());
                }
                rates.add(text);
            }
        }
        Path raster = r.has("raster") ? folder.resolve(text(r.get("raster"), "record.raster")) : null;
        return new NetworkFile.Record(spikes, spikesOf, traces, rates, raster);
    }

    private void population(Network.Builder b, JsonNode p, String path) {
        object(p, path);
        fields(p, path, "name", "size", "neuron", "initial_v");
        String name = text(required(p, "name", path), path + ".name");
        int size = count(required(p, "size", path), path + ".size");
        CubaLif model = neuron(p.get("neuron"), path + ".neuron");
        InitialV v0 = initialV(p.get("initial_v"), path + ".initial_v", model);
        b.population(name, size, model, v0);
    }

    private CubaLif neuron(JsonNode n, String path) {
        CubaLif.Builder m = CubaLif.builder();
        if (n == null) {
            return m.build();
        }
        object(n, path);
        fields(n, path, NEURON_FIELDS);
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String f = path + "." + e.getKey();
            JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "tau_mem_s" -> m.tauMemSeconds(numberOrInfinity(v, f)); // infinite: a perfect integrator
                case "tau_syn_s" -> m.tauSynSeconds(v.isArray() ? numbers(v, f) : new double[] {number(v, f)});
                case "v_leak" -> m.vLeak(number(v, f));
                case "v_threshold" -> m.vThreshold(numberOrInfinity(v, f)); // infinite: never fires
                case "v_reset" -> m.vReset(number(v, f));
                case "refractory_s" -> m.refractorySeconds(number(v, f));
                case "bias" -> m.biasCurrent(number(v, f));
                case "resistance" -> m.resistance(number(v, f));
                case "reset" -> m.resetMode(switch (text(v, f)) {
                    case "to_value" -> ResetMode.TO_VALUE;
                    case "subtract" -> ResetMode.SUBTRACT;
                    default -> throw new Bad(f, "'" + v.asText() + "': expected to_value or subtract");
                });
                case "discretisation" -> m.discretisation(switch (text(v, f)) {
                    case "exact" -> Discretisation.EXACT;
                    case "euler" -> Discretisation.EULER;
                    default -> throw new Bad(f, "'" + v.asText() + "': expected exact or euler");
                });
                default -> throw unknown(path, e.getKey(), NEURON_FIELDS);
            }
        }
        try {
            return m.build();
        } catch (IllegalArgumentException e) {
            throw new Bad(path, e.getMessage());
        }
    }

    private InitialV initialV(JsonNode v, String path, CubaLif model) {
        if (v == null) {
            return InitialV.constant(model.vLeak());
        }
        if (v.isNumber()) {
            return InitialV.constant(v.asDouble());
        }
        if (v.isArray()) {
            return InitialV.array(numbers(v, path));
        }
        if (v.isObject()) {
            fields(v, path, "uniform");
            double[] r = pair(required(v, "uniform", path), path + ".uniform");
            return InitialV.uniform(r[0], r[1]);
        }
        throw new Bad(path, "expected a number, an array, or {\"uniform\": [low, high]}");
    }

    private void source(Network.Builder b, JsonNode s, String path) {
        object(s, path);
        fields(s, path, "name", "poisson", "spike_steps");
        String name = text(required(s, "name", path), path + ".name");
        String kind = oneOf(s, path, "poisson", "spike_steps");
        if (kind == null) {
            throw new Bad(path, "expected \"poisson\": {\"size\", \"rate_hz\"} or \"spike_steps\": [[steps], ...]");
        }
        if (kind.equals("poisson")) {
            JsonNode p = s.get("poisson");
            object(p, path + ".poisson");
            fields(p, path + ".poisson", "size", "rate_hz");
            int size = count(required(p, "size", path + ".poisson"), path + ".poisson.size");
            b.source(SpikeSource.poisson(name, size, number(required(p, "rate_hz", path + ".poisson"),
                    path + ".poisson.rate_hz")));
        } else {
            JsonNode t = s.get("spike_steps");
            array(t, path + ".spike_steps");
            int[][] trains = new int[t.size()][];
            for (int i = 0; i < t.size(); i++) {
                trains[i] = ints(t.get(i), path + ".spike_steps[" + i + "]");
            }
            b.source(SpikeSource.trains(name, trains));
        }
    }

    private void projection(Network.Builder b, JsonNode p, String path) {
        object(p, path);
        fields(p, path, "from", "to", "port", "connect", "autapses", "weights", "delays");
        String from = text(required(p, "from", path), path + ".from");
        String to = text(required(p, "to", path), path + ".to");
        long port = p.has("port") ? integer(p.get("port"), path + ".port") : 0;
        if (port < 0 || port > 64) {
            throw new Bad(path + ".port", port + ": must be a port index >= 0");
        }
        Connector c = connector(required(p, "connect", path), path + ".connect",
                p.has("autapses") && bool(p.get("autapses"), path + ".autapses"));
        Weights w = weights(required(p, "weights", path), path + ".weights");
        Delays d = delays(p.has("delays") ? p.get("delays") : null, path + ".delays");
        b.connect(from, to, c, w, d, Port.of((int) port));
    }

    /** An external current: I_ext[i](step k) = weights[i] * series[(k - 1) / steps_per_value]. */
    private void analogInput(Network.Builder b, JsonNode a, String path) {
        object(a, path);
        fields(a, path, "to", "weights", "series", "steps_per_value");
        String to = text(required(a, "to", path), path + ".to");
        double[] weights = numbers(required(a, "weights", path), path + ".weights");
        double[] series = numbers(required(a, "series", path), path + ".series");
        int steps = a.has("steps_per_value") ? count(a.get("steps_per_value"), path + ".steps_per_value")
                : Integer.MAX_VALUE;
        b.analogInput(to, weights, series, steps);
    }

    private Connector connector(JsonNode c, String path, boolean autapses) {
        object(c, path);
        String kind = oneOf(c, path, CONNECTORS);
        if (kind == null) {
            throw new Bad(path, "expected one of " + String.join(", ", CONNECTORS));
        }
        JsonNode v = c.get(kind);
        String f = path + "." + kind;
        switch (kind) {
            case "probability":
                return Connect.probability(number(v, f)).autapses(autapses);
            case "fan_out":
                return Connect.fixedFanOut(intValue(v, f)).autapses(autapses);
            case "fan_in":
                return Connect.fixedFanIn(intValue(v, f)).autapses(autapses);
            case "all_to_all":
                if (!bool(v, f)) {
                    throw new Bad(f, "false: expected true (all_to_all connects every pair; choose another connector"
                            + " for fewer)");
                }
                return Connect.allToAll().autapses(autapses);
            default:
                array(v, f);
                int[] pre = new int[v.size()];
                int[] post = new int[v.size()];
                for (int s = 0; s < v.size(); s++) {
                    int[] pp = ints(v.get(s), f + "[" + s + "]");
                    if (pp.length != 2) {
                        throw new Bad(f + "[" + s + "]", "expected [pre, post]");
                    }
                    pre[s] = pp[0];
                    post[s] = pp[1];
                }
                return Connect.explicit(pre, post);
        }
    }

    private Weights weights(JsonNode w, String path) {
        if (w.isNumber()) {
            return Weights.constant(w.asDouble());
        }
        if (w.isArray()) {
            return Weights.array(numbers(w, path));
        }
        if (w.isObject()) {
            String kind = oneOf(w, path, "uniform", "normal");
            if (kind != null) {
                double[] r = pair(w.get(kind), path + "." + kind);
                return kind.equals("uniform") ? Weights.uniform(r[0], r[1]) : Weights.normal(r[0], r[1]);
            }
        }
        throw new Bad(path, "expected a number, an array, {\"uniform\": [low, high]} or {\"normal\": [mean, sd]}");
    }

    private Delays delays(JsonNode d, String path) {
        if (d == null) {
            return Delays.constantSteps(1);
        }
        if (d.isIntegralNumber()) {
            return Delays.constantSteps(intValue(d, path));
        }
        if (d.isArray()) {
            return Delays.arraySteps(ints(d, path));
        }
        if (d.isObject()) {
            fields(d, path, "uniform");
            int[] r = ints(required(d, "uniform", path), path + ".uniform");
            if (r.length != 2) {
                throw new Bad(path + ".uniform", "expected [low, high] in steps");
            }
            return Delays.uniformSteps(r[0], r[1]);
        }
        throw new Bad(path, "expected an integer number of steps, an array, or {\"uniform\": [low, high]}");
    }

    // ---------------------------------------------------------------- typed reads

    private static final String[] NEURON_FIELDS = {"tau_mem_s", "tau_syn_s", "v_leak", "v_threshold", "v_reset", "reset",
        "refractory_s", "bias", "resistance", "discretisation"};
    private static final String[] CONNECTORS = {"probability", "fan_out", "fan_in", "all_to_all", "pairs"};

    /** Refuses any field of object o that is not among the allowed ones, naming the nearest allowed one. */
    private static void fields(JsonNode o, String path, String... allowed) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!java.util.Arrays.asList(allowed).contains(name)) {
                throw unknown(path, name, allowed);
            }
        }
    }

    private static Bad unknown(String path, String name, String... allowed) {
        String near = Suggest.nearest(name, allowed);
        String at = path.equals("(top level)") ? name : path + "." + name;
        return new Bad(at, "unknown field \"" + name + "\" (" + (near != null ? "did you mean \"" + near + "\"?"
                : "expected one of " + String.join(", ", allowed)) + ")");
    }

    /** The one of the given fields that object o has; null if none; two or more are an error. */
    private static String oneOf(JsonNode o, String path, String... kinds) {
        String found = null;
        for (String k : kinds) {
            if (o.has(k)) {
                if (found != null) {
                    throw new Bad(path, "both \"" + found + "\" and \"" + k + "\": give only one of "
                            + String.join(", ", kinds));
                }
                found = k;
            }
        }
        return found;
    }

    private static JsonNode required(JsonNode o, String field, String path) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw new Bad(path.isEmpty() ? field : path + "." + field, "missing (required)");
        }
        return v;
    }

    private static void object(JsonNode n, String path) {
        if (!n.isObject()) {
            throw new Bad(path, "expected an object, got " + n.getNodeType().toString().toLowerCase());
        }
    }

    private static void array(JsonNode n, String path) {
        if (!n.isArray()) {
            throw new Bad(path, "expected an array, got " + n.getNodeType().toString().toLowerCase());
        }
    }

    private static String text(JsonNode n, String path) {
        if (!n.isTextual()) {
            throw new Bad(path, n + ": expected a string");
        }
        return n.asText();
    }

    private static boolean bool(JsonNode n, String path) {
        if (!n.isBoolean()) {
            throw new Bad(path, n + ": expected true or false");
        }
        return n.asBoolean();
    }

    /** A number, or the text "inf" for +infinity (JSON has no infinite numbers). */
    private static double numberOrInfinity(JsonNode n, String path) {
        if (n.isTextual() && n.asText().equals(INFINITY)) {
            return Double.POSITIVE_INFINITY;
        }
        if (!n.isNumber()) {
            throw new Bad(path, n + ": expected a number or \"" + INFINITY + "\"");
        }
        return n.asDouble();
    }

    static final String INFINITY = "inf";

    private static double number(JsonNode n, String path) {
        if (!n.isNumber()) {
            throw new Bad(path, n + ": expected a number");
        }
        return n.asDouble();
    }

    private static long integer(JsonNode n, String path) {
        if (!n.isIntegralNumber()) {
            throw new Bad(path, n + ": expected an integer");
        }
        if (!n.canConvertToLong()) {
            throw new Bad(path, n + ": out of range (a 64-bit integer: " + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")");
        }
        return n.asLong();
    }

    /** A count: an integer from 1 to 2^31 - 1. */
    private static int count(JsonNode n, String path) {
        if (n.isIntegralNumber() && !(n.canConvertToLong() && n.asLong() >= 1 && n.asLong() <= Integer.MAX_VALUE)) {
            throw new Bad(path, n + ": must be a positive integer up to " + Integer.MAX_VALUE);
        }
        return (int) integer(n, path);
    }

    private static int intValue(JsonNode n, String path) {
        long v = integer(n, path);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new Bad(path, v + ": out of range (a 32-bit integer)");
        }
        return (int) v;
    }

    private static double[] numbers(JsonNode n, String path) {
        array(n, path);
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(n.get(i), path + "[" + i + "]");
        }
        return out;
    }

    private static int[] ints(JsonNode n, String path) {
        array(n, path);
        int[] out = new int[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = intValue(n.get(i), path + "[" + i + "]");
        }
        return out;
    }

    private static double[] pair(JsonNode n, String path) {
        double[] r = numbers(n, path);
        if (r.length != 2) {
            throw new Bad(path, "expected two numbers");
        }
        return r;
    }
}
