package org.snn4j.train;

import org.snn4j.arrays.FloatList;
import org.snn4j.arrays.IntList;
import org.snn4j.data.SpikeRaster;
import org.snn4j.model.Connect;
import org.snn4j.model.CubaLif;
import org.snn4j.model.Delays;
import org.snn4j.model.InitialV;
import org.snn4j.model.LifPropagators;
import org.snn4j.model.Network;
import org.snn4j.model.SpikeSource;
import org.snn4j.model.Weights;

/**
 * A trained model as a core network specification that both engines run: a spike source "input"
 * holding one sample, one population per layer (named as the layer, V starting at 0), one explicit
 * projection per layer input holding every kept (input, neuron, delay) synapse with its effective
 * (masked, quantized) weight, the recurrent projection with delay 1, and each bias as an analog input
 * of constant value 1 whose weight makes the engine's drive (1 - beta) R w round to the bias exactly.
 * A non-spiking readout becomes a population whose threshold is never reached.
 */
public final class Export {
    private Export() {
    }

    /** The network for one input sample of {@code in.steps()} steps. */
    public static Network toNetwork(Model model, SpikeRaster in) {
        Network.Builder b = Network.builder().source(SpikeSource.trains("input", in.toSpikeSteps()));
        String previous = "input";
        for (int l = 0; l < model.layers.length; l++) {
            Model.Layer layer = model.layers[l];
            CubaLif neuron = layer.neuron();
            if (!layer.spec.spiking()) {
                neuron = neuron.toBuilder().vThreshold(Float.MAX_VALUE).build();
            }
            String name = layer.spec.name();
            b.population(name, layer.n, neuron, InitialV.constant(0));
            IntList pre = new IntList(64);
            IntList post = new IntList(64);
            IntList delay = new IntList(64);
            FloatList weight = new FloatList(64);
            int[] taps = layer.spec.taps();
            for (int k = 0; k < layer.taps; k++) {
                float[] w = layer.effIn[k];
                for (int i = 0; i < layer.m; i++) {
                    for (int j = 0; j < layer.n; j++) {
                        if (kept(layer, k, i * layer.n + j)) {
                            pre.add(i);
                            post.add(j);
                            delay.add(taps[k]);
                            weight.add(w[i * layer.n + j]);
                        }
                    }
                }
            }
            connect(b, previous, name, pre, post, weight, delay);
            if (layer.effRec != null) {
                IntList rp = new IntList(64);
                IntList rq = new IntList(64);
                IntList rd = new IntList(64);
                FloatList rw = new FloatList(64);
                for (int i = 0; i < layer.n; i++) {
                    for (int j = 0; j < layer.n; j++) {
                        rp.add(i);
                        rq.add(j);
                        rd.add(1);
                        rw.add(layer.effRec[i * layer.n + j]);
                    }
                }
                connect(b, name, name, rp, rq, rw, rd);
            }
            if (layer.bias != null) {
                float gain = (float) new LifPropagators(neuron, model.spec.dtSeconds()).currentGain;
                double[] w = new double[layer.n];
                for (int j = 0; j < layer.n; j++) {
                    w[j] = layer.bias[j] / (double) gain;
                }
                b.analogInput(name, w, new double[] {1.0}, Math.max(1, in.steps()));
            }
            previous = name;
        }
        return b.build(0);
    }

    private static boolean kept(Model.Layer layer, int k, int at) {
        return layer.maskIn == null || layer.maskIn[k][at] != 0;
    }

    private static void connect(Network.Builder b, String from, String to, IntList pre, IntList post, FloatList w,
            IntList d) {
        if (pre.size() == 0) {
            return;
        }
        double[] weights = new double[w.size()];
        for (int s = 0; s < weights.length; s++) {
            weights[s] = w.get(s);
        }
        b.connect(from, to, Connect.explicit(pre.toArray(), post.toArray()), Weights.array(weights),
                Delays.arraySteps(d.toArray()));
    }

    /** Kept synapses out of each input of layer l (over all delays): the SynOps of one input spike. */
    static int[] fanOut(Model model, int l) {
        Model.Layer layer = model.layers[l];
        int[] out = new int[layer.m];
        for (int k = 0; k < layer.taps; k++) {
            for (int i = 0; i < layer.m; i++) {
                for (int j = 0; j < layer.n; j++) {
                    out[i] += kept(layer, k, i * layer.n + j) ? 1 : 0;
                }
            }
        }
        return out;
    }
}
