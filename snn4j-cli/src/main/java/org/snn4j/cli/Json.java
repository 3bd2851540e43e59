package org.snn4j.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** One flat JSON object with fields in insertion order (stable names, so scripts can compare runs). */
final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final Map<String, Object> fields = new LinkedHashMap<>();

    Json put(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    Object get(String name) {
        return fields.get(name);
    }

    /** The named field as a number, or NaN when it is missing or not a number. */
    double number(String name) {
        return fields.get(name) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** A JSON list of objects, one per line. */
    static String list(java.util.List<Json> rows) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows.size(); i++) {
            sb.append(i == 0 ? "\n" : ",\n").append(rows.get(i));
        }
        return sb.append("\n]").toString();
    }

    /** Reads one flat JSON object (nested values are skipped); fails with the text when it is not one. */
    static Json parseFlat(String text) {
        Json j = new Json();
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("expected a JSON object, got: " + text);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (t) {
                    case VALUE_NUMBER_INT -> j.put(name, p.getLongValue());
                    case VALUE_NUMBER_FLOAT -> j.put(name, p.getDoubleValue());
                    case VALUE_TRUE, VALUE_FALSE -> j.put(name, p.getBooleanValue());
                    case VALUE_NULL -> j.put(name, null);
                    case START_OBJECT, START_ARRAY -> p.skipChildren();
                    default -> j.put(name, p.getText());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON object (" + e.getMessage() + "): " + text, e);
        }
        return j;
    }

    @Override
    public String toString() {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            write(g, fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Json j) {
            write(g, j.fields);
        } else if (value instanceof Iterable<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                write(g, o);
            }
            g.writeEndArray();
        } else if (value instanceof Integer || value instanceof Long) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeNull();
            }
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeString(String.valueOf(value));
        }
    }
}
