package org.snn4j.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads NIR files (HDF5, through jhdf): a root dataset {@code version} and a group {@code node}
 * holding the graph, whose {@code type} is {@code "NIRGraph"}, its nodes under {@code nodes/NAME}
 * (each a group with a string {@code type} and its fields as datasets, possibly compressed; nested
 * graphs in the same layout) and its {@code edges} as an (E, 2) string dataset. Nested graphs are
 * flattened ({@link NirGraph}). Every error is an {@link IllegalArgumentException} naming the file,
 * the node and the field.
 */
public final class NirFiles {
    private NirFiles() {
    }

    public static NirGraph read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("NIR file " + file + ": " + (Files.isDirectory(file) ? "is a directory"
                    : Files.exists(file) ? "not a regular file" : "no such file"));
        }
        try (HdfFile h5 = new HdfFile(file)) {
            Node version = h5.getChild("version");
            Node root = h5.getChild("node");
            if (!(root instanceof Group graph)) {
                throw new IllegalArgumentException("no group 'node' at the root (not a NIR graph)");
            }
            Map<String, NirGraph.Node> nodes = new LinkedHashMap<>();
            List<NirGraph.Edge> edges = new ArrayList<>();
            String type = text(graph, "type", "node");
            if (!type.equals("NIRGraph")) {
                throw new IllegalArgumentException("node: type '" + type + "', expected NIRGraph at the root");
            }
            graph(graph, "", nodes, edges);
            return new NirGraph(version instanceof Dataset d ? String.valueOf(d.getData()) : "", nodes, edges,
                    metadata(graph));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("NIR file " + file + ": " + e.getMessage(), e);
        } catch (HdfException | UnsupportedOperationException | ClassCastException | IllegalStateException e) {
            throw new IllegalArgumentException("NIR file " + file + ": not a readable NIR (HDF5) file ("
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * Writes a (flat) graph in the layout {@link #read} reads and the NIR reference reader expects: a
     * root {@code version}, the graph in {@code node} with its nodes' numeric fields as datasets of
     * their stored type and shape, their textual fields as strings, their metadata as a group of
     * strings, and the edges as an (E, 2) string dataset. Written atomically; a target among
     * {@code inputs} is refused.
     */
    public static void write(NirGraph graph, Path target, Path... inputs) throws java.io.IOException {
        for (NirGraph.Node n : graph.nodes().values()) {
            if (n.name().isEmpty() || n.name().contains("/")) {
                throw new IllegalArgumentException("NIR node name '" + n.name() + "': an HDF5 group name may not be empty"
                        + " or hold '/'");
            }
        }
        org.snn4j.files.SafeFiles.writeVia(target, file -> {
            try (io.jhdf.WritableHdfFile h5 = HdfFile.write(file)) {
                h5.putDataset("version", graph.version());
                io.jhdf.api.WritableGroup root = h5.putGroup("node");
                root.putDataset("type", "NIRGraph");
                putMetadata(root, graph.metadata());
                io.jhdf.api.WritableGroup nodes = root.putGroup("nodes");
                for (NirGraph.Node n : graph.nodes().values()) {
                    io.jhdf.api.WritableGroup g = nodes.putGroup(n.name());
                    g.putDataset("type", n.type());
                    for (Map.Entry<String, NirGraph.Field> f : n.fields().entrySet()) {
                        g.putDataset(f.getKey(), nested(f.getValue()));
                    }
                    for (Map.Entry<String, String> t : n.texts().entrySet()) {
                        g.putDataset(t.getKey(), t.getValue());
                    }
                    putMetadata(g, n.metadata());
                }
                String[][] edges = new String[graph.edges().size()][];
                for (int e = 0; e < edges.length; e++) {
                    edges[e] = new String[] {graph.edges().get(e).source(), graph.edges().get(e).target()};
                }
                root.putDataset("edges", edges);
            }
        }, inputs);
    }

    private static void putMetadata(io.jhdf.api.WritableGroup g, Map<String, String> metadata) {
        if (!metadata.isEmpty()) {
            io.jhdf.api.WritableGroup meta = g.putGroup("metadata");
            for (Map.Entry<String, String> m : metadata.entrySet()) {
                meta.putDataset(m.getKey(), m.getValue());
            }
        }
    }

    /** A field as the (nested) Java array, or boxed scalar, of its stored type. */
    private static Object nested(NirGraph.Field f) {
        int[] shape = f.shape();
        double[] v = f.values();
        if (shape.length == 0) {
            return switch (f.type()) {
                case FLOAT32 -> (float) v[0];
                case FLOAT64 -> v[0];
                case INT64 -> (long) v[0];
            };
        }
        Class<?> element = switch (f.type()) {
            case FLOAT32 -> float.class;
            case FLOAT64 -> double.class;
            case INT64 -> long.class;
        };
        Object out = Array.newInstance(element, shape);
        int[] at = {0};
        fill(out, 0, shape, v, at, f.type());
        return out;
    }

    private static void fill(Object array, int dim, int[] shape, double[] v, int[] at, NirGraph.Type type) {
        for (int i = 0; i < shape[dim]; i++) {
            if (dim == shape.length - 1) {
                switch (type) {
                    case FLOAT32 -> Array.setFloat(array, i, (float) v[at[0]++]);
                    case FLOAT64 -> Array.setDouble(array, i, v[at[0]++]);
                    case INT64 -> Array.setLong(array, i, (long) v[at[0]++]);
                }
            } else {
                fill(Array.get(array, i), dim + 1, shape, v, at, type);
            }
        }
    }

    /** Adds the nodes and edges of graph g, its names prefixed (the path of a nested graph). */
    private static void graph(Group g, String prefix, Map<String, NirGraph.Node> nodes, List<NirGraph.Edge> edges) {
        Node children = g.getChild("nodes");
        if (!(children instanceof Group members)) {
            throw new IllegalArgumentException("graph '" + name(prefix) + "': no group 'nodes'");
        }
        List<String> nested = new ArrayList<>();
        for (Node n : members.getChildren().values()) {
            String full = prefix + n.getName();
            if (!(n instanceof Group node)) {
                throw new IllegalArgumentException("node '" + full + "': a dataset where a node (group) belongs");
            }
            String type = text(node, "type", full);
            if (type.equals("NIRGraph")) {
                nested.add(n.getName());
                graph(node, full + ".", nodes, edges);
                continue;
            }
            Map<String, NirGraph.Field> fields = new LinkedHashMap<>();
            Map<String, String> texts = new LinkedHashMap<>();
            Map<String, String> metadata = metadata(node);
            for (Node f : node.getChildren().values()) {
                if (f instanceof Dataset d && !f.getName().equals("type")) {
                    Object data = d.getData();
                    if (data instanceof String text) {
                        texts.put(f.getName(), text); // a textual field (padding "same")
                        continue;
                    }
                    if (data instanceof String[]) {
                        continue; // names: not a parameter
                    }
                    fields.put(f.getName(), field(d, data, d.getDimensions(), full, f.getName()));
                }
            }
            nodes.put(full, new NirGraph.Node(full, type, fields, texts, metadata));
        }
        Node e = g.getChild("edges");
        if (!(e instanceof Dataset edgeData)) {
            throw new IllegalArgumentException("graph '" + name(prefix) + "': no dataset 'edges'");
        }
        Object data = edgeData.getData();
        if (!(data instanceof String[][] pairs)) {
            throw new IllegalArgumentException("graph '" + name(prefix) + "': edges must be an (E, 2) string dataset");
        }
        for (String[] pair : pairs) {
            if (pair.length != 2) {
                throw new IllegalArgumentException("graph '" + name(prefix) + "': an edge of " + pair.length
                        + " names, expected 2");
            }
            // an edge into a nested graph enters its input node; one out of it leaves its output node
            String from = prefix + (nested.contains(pair[0]) ? pair[0] + ".output" : pair[0]);
            String to = prefix + (nested.contains(pair[1]) ? pair[1] + ".input" : pair[1]);
            for (String end : new String[] {from, to}) {
                if (!nodes.containsKey(end)) {
                    throw new IllegalArgumentException("graph '" + name(prefix) + "': edge " + pair[0] + " -> " + pair[1]
                            + " names node '" + end.substring(prefix.length()) + "', which the graph does not have");
                }
            }
            edges.add(new NirGraph.Edge(from, to));
        }
    }

    /** A node's (or graph's) {@code metadata} group as text: strings as they are, numbers and arrays printed. */
    private static Map<String, String> metadata(Group node) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (node.getChild("metadata") instanceof Group meta) {
            for (Node m : meta.getChildren().values()) {
                if (m instanceof Dataset d) {
                    Object v = d.getData();
                    metadata.put(m.getName(), v != null && v.getClass().isArray() ? java.util.Arrays.deepToString(
                            new Object[] {v}).replaceAll("^\\[|\\]$", "") : String.valueOf(v));
                }
            }
        }
        return metadata;
    }

    private static String name(String prefix) {
        return prefix.isEmpty() ? "(root)" : prefix.substring(0, prefix.length() - 1);
    }

    private static String text(Group g, String field, String node) {
        Node n = g.getChild(field);
        if (!(n instanceof Dataset d) || !(d.getData() instanceof String s)) {
            throw new IllegalArgumentException("node '" + node + "': no string field '" + field + "'");
        }
        return s;
    }

    /** A numeric dataset (any rank, any primitive type) flattened row-major, with its shape. */
    private static NirGraph.Field field(Dataset d, Object data, int[] shape, String node, String name) {
        List<Double> out = new ArrayList<>();
        flatten(data, out, node, name);
        double[] values = new double[out.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = out.get(i);
        }
        Class<?> t = d.getJavaType();
        NirGraph.Type type = t == float.class || t == Float.class ? NirGraph.Type.FLOAT32
                : t == double.class || t == Double.class ? NirGraph.Type.FLOAT64 : NirGraph.Type.INT64;
        return new NirGraph.Field(values, shape.clone(), type);
    }

    private static void flatten(Object data, List<Double> out, String node, String name) {
        if (data instanceof Number n) {
            out.add(n.doubleValue());
        } else if (data instanceof Boolean b) {
            out.add(b ? 1.0 : 0.0);
        } else if (data != null && data.getClass().isArray()) {
            for (int i = 0, len = Array.getLength(data); i < len; i++) {
                flatten(Array.get(data, i), out, node, name);
            }
        } else {
            throw new IllegalArgumentException("node '" + node + "': field '" + name + "' is not numeric");
        }
    }
}
