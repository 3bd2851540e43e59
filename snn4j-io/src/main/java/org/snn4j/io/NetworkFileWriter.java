package org.snn4j.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import org.snn4j.model.AnalogInput;
import org.snn4j.model.CubaLif;
import org.snn4j.model.Discretisation;
import org.snn4j.model.Network;
import org.snn4j.model.Population;
import org.snn4j.model.Projection;
import org.snn4j.model.ResetMode;
import org.snn4j.model.SpikeSource;

/**
 * Writes a built network as a network file (JSON, the layout {@link NetworkFiles} reads): every
 * synapse as an explicit pair with its weight (float, written so that it reads back to the same bits)
 * and delay, every initial potential, every neuron parameter, the spike sources and analog inputs. A
 * file written so builds the same network again, whatever its seed.
 */
final class NetworkFileWriter {
    private NetworkFileWriter() {
    }

    static void write(OutputStream out, Network net, double dtSeconds, String output) throws IOException {
        // the caller owns the stream (it syncs it before the rename)
        try (JsonGenerator g = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeNumberField("dt_s", dtSeconds);
            g.writeNumberField("seed", net.seed());
            g.writeArrayFieldStart("populations");
            for (Population p : net.populations()) {
                population(g, p);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("sources");
            for (SpikeSource s : net.sources()) {
                g.writeStartObject();
                g.writeStringField("name", s.name());
                if (s instanceof SpikeSource.Poisson p) {
                    g.writeObjectFieldStart("poisson");
                    g.writeNumberField("size", p.size());
                    g.writeNumberField("rate_hz", p.rateHz());
                    g.writeEndObject();
                } else if (s instanceof SpikeSource.Trains t) {
                    g.writeArrayFieldStart("spike_steps");
                    for (int i = 0; i < t.size(); i++) {
                        int[] steps = t.spikeSteps(i);
                        g.writeArray(steps, 0, steps.length);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("projections");
            for (Projection p : net.projections()) {
                projection(g, p);
            }
            g.writeEndArray();
            if (!net.analogInputs().isEmpty()) {
                g.writeArrayFieldStart("analog_inputs");
                for (AnalogInput a : net.analogInputs()) {
                    g.writeStartObject();
                    g.writeStringField("to", a.target());
                    g.writeArrayFieldStart("weights");
                    for (int i = 0; i < a.size(); i++) {
                        g.writeNumber(a.weight(i));
                    }
                    g.writeEndArray();
                    g.writeArrayFieldStart("series");
                    for (int j = 0; j < a.length(); j++) {
                        g.writeNumber(a.value(j));
                    }
                    g.writeEndArray();
                    g.writeNumberField("steps_per_value", a.stepsPerValue());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (output != null) {
                g.writeStringField("output", output);
            }
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void population(JsonGenerator g, Population p) throws IOException {
        CubaLif m = p.model();
        g.writeStartObject();
        g.writeStringField("name", p.name());
        g.writeNumberField("size", p.size());
        g.writeObjectFieldStart("neuron");
        number(g, "tau_mem_s", m.tauMemSeconds());
        g.writeArrayFieldStart("tau_syn_s");
        for (int q = 0; q < m.ports(); q++) {
            g.writeNumber(m.tauSynSeconds(q));
        }
        g.writeEndArray();
        g.writeNumberField("v_leak", m.vLeak());
        number(g, "v_threshold", m.vThreshold());
        g.writeNumberField("v_reset", m.vReset());
        g.writeStringField("reset", m.resetMode() == ResetMode.SUBTRACT ? "subtract" : "to_value");
        g.writeNumberField("refractory_s", m.refractorySeconds());
        g.writeNumberField("bias", m.biasCurrent());
        g.writeNumberField("resistance", m.resistance());
        g.writeStringField("discretisation", m.discretisation() == Discretisation.EULER ? "euler" : "exact");
        g.writeEndObject();
        boolean constant = true;
        for (int i = 1; i < p.size() && constant; i++) {
            constant = Double.compare(p.initialV(i), p.initialV(0)) == 0;
        }
        if (constant) {
            g.writeNumberField("initial_v", p.initialV(0));
        } else {
            g.writeArrayFieldStart("initial_v");
            for (int i = 0; i < p.size(); i++) {
                g.writeNumber(p.initialV(i));
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void projection(JsonGenerator g, Projection p) throws IOException {
        g.writeStartObject();
        g.writeStringField("from", p.source());
        g.writeStringField("to", p.target());
        g.writeNumberField("port", p.port());
        g.writeObjectFieldStart("connect");
        g.writeArrayFieldStart("pairs");
        for (int pre = 0; pre < p.sourceSize(); pre++) {
            for (int s = p.rowStart(pre); s < p.rowStart(pre) + p.fanOut(pre); s++) {
                g.writeStartArray();
                g.writeNumber(pre);
                g.writeNumber(p.targetOf(s));
                g.writeEndArray();
            }
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeArrayFieldStart("weights");
        for (float w : p.weightArray()) {
            g.writeNumber(w);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("delays");
        for (short d : p.delayArray()) {
            g.writeNumber(d);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String field, double v) throws IOException {
        if (v == Double.POSITIVE_INFINITY) {
            g.writeStringField(field, NetworkFiles.INFINITY);
        } else {
            g.writeNumberField(field, v);
        }
    }
}
