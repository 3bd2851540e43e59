package org.snn4j.io;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A NIR graph as stored in a file (the layout of the NIR repository's {@code nir/serialization.py}),
 * flattened: nested graphs' nodes carry their path in their name ({@code hidden.lif}), and an edge
 * into or out of a nested graph goes to its {@code input} or from its {@code output} node. Each node
 * keeps its type and its fields as arrays of doubles with their shapes; turning the graph into a
 * network (discretisation, node semantics) is a separate step.
 *
 * @param version the file's NIR version ("0.1.1", "1.0.0", ...)
 * @param nodes   by flattened name, in the file's order
 * @param edges   (source, target) pairs of flattened names
 * @param metadata the root graph's metadata as text (snn4j writes its time step there, {@code dt_s})
 */
public record NirGraph(String version, Map<String, Node> nodes, List<Edge> edges, Map<String, String> metadata) {
    public NirGraph(String version, Map<String, Node> nodes, List<Edge> edges) {
        this(version, nodes, edges, Map.of());
    }

    /** The time step snn4j wrote into the graph's metadata, or null. */
    public Double dtSeconds() {
        String dt = metadata.get("dt_s");
        try {
            return dt == null ? null : Double.valueOf(dt);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("graph metadata dt_s '" + dt + "': not a number");
        }
    }

    /**
     * One node: its NIR type ({@code Affine}, {@code CubaLIF}, ...), its numeric fields, its textual
     * fields (such as a convolution's {@code padding = "same"}), and its {@code metadata} entries as text
     * (where snn4j keeps what NIR cannot hold, such as the reset mode).
     */
    public record Node(String name, String type, Map<String, Field> fields, Map<String, String> texts,
            Map<String, String> metadata) {
        public Node(String name, String type, Map<String, Field> fields) {
            this(name, type, fields, Map.of(), Map.of());
        }

        /** A field, or an error naming the node and the field. */
        public Field field(String field) {
            Field f = fields.get(field);
            if (f == null) {
                throw new IllegalArgumentException("node '" + name + "' (" + type + "): no field '" + field + "' (has "
                        + fields.keySet() + ")");
            }
            return f;
        }

        /** Whether the node has the field. */
        public boolean has(String field) {
            return fields.containsKey(field);
        }
    }

    /** How a numeric field is stored. */
    public enum Type {
        FLOAT32, FLOAT64, INT64
    }

    /**
     * A numeric field: its values flattened in row-major order, its shape (empty for a scalar), and the
     * type it is stored as (every float32, int64 and int32 value is a double exactly).
     */
    public record Field(double[] values, int[] shape, Type type) {
        public Field(double[] values, int[] shape) {
            this(values, shape, Type.FLOAT64);
        }

        public int size() {
            return values.length;
        }

        /** A field of the given values and shape (checked: the shape's product is the number of values). */
        public Field {
            if (type == null) {
                throw new IllegalArgumentException("a field's type is required");
            }
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            if (n != values.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, not "
                        + values.length);
            }
        }

        @Override
        public String toString() {
            return "shape " + Arrays.toString(shape);
        }
    }

    /** An edge from one node's output to another node's input. */
    public record Edge(String source, String target) {
    }
}
