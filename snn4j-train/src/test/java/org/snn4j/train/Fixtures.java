package org.snn4j.train;

import java.util.List;
import java.util.SplittableRandom;
import org.snn4j.data.SpikeRaster;
import org.snn4j.model.CubaLif;
import org.snn4j.model.ResetMode;

final class Fixtures {
    static final double DT = 1e-3;

    private Fixtures() {
    }

    /** A LIF with V_th 1, V_reset 0, tau_mem giving beta = exp(-dt/tau), the given tau_syn (0: none). */
    static CubaLif lif(double beta, double tauSyn, ResetMode reset) {
        return CubaLif.builder().tauMemSeconds(-DT / Math.log(beta)).tauSynSeconds(tauSyn).vLeak(0).vThreshold(1)
                .vReset(0).resetMode(reset).refractorySeconds(0).resistance(1).build();
    }

    /** Random input spikes: each of n neurons spikes at each step with probability p. */
    static SpikeRaster raster(int n, int steps, double p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        SpikeRaster s = new SpikeRaster(n, steps);
        s.clear(steps);
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                if (r.nextDouble() < p) {
                    s.add(i);
                }
            }
            s.endStep(t);
        }
        return s;
    }

    /** Multiplies every weight tensor of the model by f (to get the activity a test needs). */
    static void scaleWeights(Model model, float f) {
        for (Model.Layer l : model.layers) {
            for (float[] w : l.wIn) {
                for (int i = 0; i < w.length; i++) {
                    w[i] *= f;
                }
            }
            if (l.wRec != null) {
                for (int i = 0; i < l.wRec.length; i++) {
                    l.wRec[i] *= f;
                }
            }
        }
        model.refresh();
    }

    /**
     * Three layers on 30 inputs: 24 with delays 0, 2, 3, 7, recurrence and biases; 12 with delays 0, 1;
     * 6 outputs; weights scaled for activity, then pruned to k delays and quantized to b bits if asked.
     */
    static Model threeLayers(long seed, ResetMode reset, double tauSyn, int bits, int pruneK) {
        LayerSpec hidden = new LayerSpec("hidden", 24, lif(0.9, tauSyn, reset), new int[] {0, 2, 3, 7}, true, true, true,
                false);
        LayerSpec second = new LayerSpec("second", 12, lif(0.8, tauSyn, reset), new int[] {0, 1}, false, true, true,
                false);
        LayerSpec out = LayerSpec.dense("out", 6, lif(0.95, 0, reset));
        Model model = new Model(spec(30, List.of(hidden, second, out), Surrogate.fastSigmoid(25), Loss.CE_COUNT), seed);
        scaleWeights(model, tauSyn > 0 ? 30f : 3f);
        if (pruneK > 0) {
            model.pruneDelays(pruneK, false);
        }
        if (bits > 0) {
            model.quantize(bits, 99);
        }
        return model;
    }

    static ModelSpec spec(int inputs, List<LayerSpec> layers, Surrogate sg, Loss loss) {
        return new ModelSpec(inputs, DT, layers, sg, loss, false);
    }
}
