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
            return new NirGraph(version instanceof Dataset d ? String.valueOf(d.getData()) : "", nodes, edges);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("NIR file " + file + ": " + e.getMessage(), e);
        } catch (HdfException | UnsupportedOperationException | ClassCastException | IllegalStateException e) {
            throw new IllegalArgumentException("NIR file " + file + ": not a readable NIR (HDF5) file ("
                    + e.getMessage() + ")", e);
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
            for (Node f : node.getChildren().values()) {
                if (f instanceof Dataset d && !f.getName().equals("type")) {
                    Object data = d.getData();
                    if (data instanceof String text) {
                        metadata.putIfAbsent(f.getName(), text); // a textual field (padding "same"): kept beside metadata
                        continue;
                    }
                    if (data instanceof String[]) {
                        continue; // names: not a parameter
                    }
                    fields.put(f.getName(), field(data, d.getDimensions(), full, f.getName()));
                }
            }
            nodes.put(full, new NirGraph.Node(full, type, fields, metadata));
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
    private static NirGraph.Field field(Object data, int[] shape, String node, String name) {
        List<Double> out = new ArrayList<>();
        flatten(data, out, node, name);
        double[] values = new double[out.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = out.get(i);
        }
        return new NirGraph.Field(values, shape.clone());
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
