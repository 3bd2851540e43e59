package org.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snn4j.data.SpikeRaster;
import org.snn4j.model.ResetMode;

/**
 * BPTT against finite differences, with the spike replaced by a logistic function in both passes
 * (and the reset not detached, so that the gradient is the true one).
 * The trainer computes in float32 (it must reproduce the engines' float arithmetic spike for spike),
 * so the differences use a fourth-order five-point stencil (truncation error of order h^4) and the
 * loss is summed in double. What is left is the float rounding of the forward pass, about 3e-8 of
 * the loss, which the stencil turns into an absolute error of about 1.5 x 3e-8 / h = 5e-6 in every
 * finite difference per unit of loss (measured: 2e-6 to 9e-6 whatever the gradient's size). So every gradient must
 * match to 1e-3 relative plus that noise floor, and those above 1000 x the floor (where the noise is below 1e-3) to 1e-3 relative.
 */
class GradientCheckTest {
    /** Noise floor of a finite difference of the float32 forward pass at h = 1e-2, per unit of loss (see above). */
    static final double NOISE = 2e-5;

    static double loss(Model model, Pass f, SpikeRaster[] in, int[] labels) {
        model.refresh();
        double sum = 0;
        argmaxSignature = 0;
        int out = model.layers.length - 1;
        for (int s = 0; s < in.length; s++) {
            f.forward(in[s]);
            sum += f.lossAndOutputGradient(labels[s], 1);
            for (int j = 0; j < model.layers[out].n; j++) {
                int at = 0;
                for (int t = 1; t < f.steps(); t++) {
                    at = f.potential(out, t, j) > f.potential(out, at, j) ? t : at;
                }
                argmaxSignature = argmaxSignature * 31 + at;
            }
            if (f instanceof CycleBptt c) {
                argmaxSignature = argmaxSignature * 1_000_003L + c.scheduleSignature();
            }
        }
        return sum;
    }

    /**
     * The steps of the output membranes' maxima in the last {@link #loss} call (for ce-max-membrane),
     * and an unlayered pass's schedule: what must not change within a finite difference's +-2h.
     */
    static long argmaxSignature;

    @ParameterizedTest(name = "{0} {1} detach={2}")
    @CsvSource({
        "ce-count, SUBTRACT, false",
        "mse-count, TO_VALUE, false",
        "ce-max-membrane, SUBTRACT, false",
        "ce-mean-membrane, TO_VALUE, false",
    })
    void bpttEqualsFiniteDifferencesForEveryParameter(String lossName, ResetMode reset, boolean detach) {
        Loss loss = Loss.parse(lossName);
        int steps = 12;
        Model model = checkModel(loss, reset, detach);
        SpikeRaster[] in = checkInputs(steps);
        int[] labels = {2, 0};
        Bptt f = new Bptt(model, steps);
        Grads g = new Grads(model);
        g.clear();
        for (int s = 0; s < in.length; s++) {
            f.forward(in[s]);
            f.lossAndOutputGradient(labels[s], 1);
            f.backward(g);
        }
        Result r = finiteDifferences(model, f, g, in, labels, loss == Loss.CE_MAX_MEMBRANE);
        assertTrue(r.checked() > 100, "checked " + r.checked());
        assertTrue(r.worst() < 1e-3, "worst relative error " + r.worst());
        System.out.println("gradient check " + lossName + ": " + r.checked() + " parameters, worst relative error "
                + r.worst());
    }

    /** Two layers with delays, recurrence, biases, a filtered synapse and trained time constants, smooth spikes. */
    static Model checkModel(Loss loss, ResetMode reset, boolean detach) {
        LayerSpec hidden = new LayerSpec("hidden", 5, Fixtures.lif(0.85, 4e-3, reset), new int[] {0, 1, 3}, true, true,
                true, true);
        LayerSpec out = new LayerSpec("out", 3, Fixtures.lif(0.9, 0, reset), new int[] {0, 2}, !loss.onMembrane(), true,
                !loss.onMembrane(), true);
        ModelSpec spec = new ModelSpec(4, Fixtures.DT, List.of(hidden, out), Surrogate.smooth(4), loss, detach);
        Model model = new Model(spec, 11);
        Fixtures.scaleWeights(model, 2.5f);
        return model;
    }

    static SpikeRaster[] checkInputs(int steps) {
        return new SpikeRaster[] {Fixtures.raster(4, steps, 0.35, 1), Fixtures.raster(4, steps, 0.35, 2)};
    }

    /** Parameters compared, skipped (the signature changed within +-2h) and the worst relative error. */
    record Result(int checked, int skipped, double worst) {
    }

    /**
     * Every parameter's gradient in {@code g} against five-point finite differences of the summed loss
     * (asserting each); parameters where the signature of {@link #loss} changes are skipped when
     * {@code skipKinks}, the rest must match.
     */
    static Result finiteDifferences(Model model, Pass f, Grads g, SpikeRaster[] in, int[] labels, boolean skipKinks) {
        List<float[]> params = model.tensors();
        List<float[]> grads = g.tensors(model);
        double noise = NOISE * Math.max(1, loss(model, f, in, labels));
        int checked = 0;
        int skipped = 0;
        double worst = 0;
        for (int p = 0; p < params.size(); p++) {
            float[] w = params.get(p);
            float[] gw = grads.get(p);
            Model.Layer tauOf = null;
            for (Model.Layer layer : model.layers) {
                tauOf = layer.tau == w ? layer : tauOf;
            }
            boolean tau = tauOf != null;
            for (int i = 0; i < w.length; i++) {
                float original = w[i];
                double h = tau ? 1e-4 : 1e-2; // tau_syn of 4 ms: 2.5% steps keep the stencil's truncation small
                if (tau && i == 1 && !tauOf.spec.filtered()) {
                    continue;
                }
                double[] lv = new double[4];
                double[] steps4 = {-2, -1, 1, 2};
                boolean kink = false;
                loss(model, f, in, labels);
                long signature = argmaxSignature;
                for (int q = 0; q < 4; q++) {
                    w[i] = (float) (original + steps4[q] * h);
                    lv[q] = loss(model, f, in, labels);
                    kink |= argmaxSignature != signature;
                }
                w[i] = original;
                if (kink && skipKinks) {
                    skipped++;
                    continue; // the maximum or the schedule changed within +-2h: not differentiable there
                }
                double fd = (lv[0] - 8 * lv[1] + 8 * lv[2] - lv[3]) / (12 * h);
                double bptt = gw[i];
                double err = Math.abs(fd - bptt);
                double relative = err / Math.max(Math.abs(fd), Math.abs(bptt));
                if (Math.abs(fd) > 1000 * noise) {
                    worst = Math.max(worst, relative);
                }
                assertTrue(err <= 1e-3 * Math.max(Math.abs(fd), Math.abs(bptt)) + noise, "parameter " + p + "[" + i
                        + "]: bptt " + bptt + " vs finite differences " + fd + " (relative error " + relative + ")");
                checked++;
            }
        }
        model.refresh();
        return new Result(checked, skipped, worst);
    }

    /**
     * One input, one LIF neuron with a delta synapse, beta = 0.5, w = 0.7, threshold 1, subtractive
     * reset (detached), fast sigmoid of slope 1, inputs at steps 0 and 1 of 3, MSE on the count with
     * target 0.8 x 3 = 2.4 (worked out by hand).
     */
    @Test
    void tinyNetworkGradientsWorkedOutByHand() {
        LayerSpec only = new LayerSpec("out", 1, Fixtures.lif(0.5, 0, ResetMode.SUBTRACT), new int[] {0}, false, true,
                true, false);
        Model model = new Model(new ModelSpec(1, Fixtures.DT, List.of(only), Surrogate.fastSigmoid(1), Loss.MSE_COUNT,
                true), 1);
        model.layers[0].wIn[0][0] = 0.7f;
        model.layers[0].bias[0] = 0f;
        model.refresh();
        SpikeRaster in = new SpikeRaster(1, 3);
        in.clear(3);
        in.add(0);
        in.endStep(0);
        in.add(0);
        in.endStep(1);
        in.endStep(2);
        Bptt f = new Bptt(model, 3);
        f.forward(in);
        // V: 0.7 (no spike); 0.5*0.7 + 0.7 = 1.05 > 1: spike, V = 0.05; 0.5*0.05 = 0.025
        assertEquals(0.7f, f.potential(0, 0, 0), 1e-7);
        assertEquals(0.05f, f.potential(0, 1, 0), 1e-6);
        assertEquals(0.025f, f.potential(0, 2, 0), 1e-6);
        // one spike: L = (1 - 2.4)^2 = 1.96, dL/dcount = 2 (1 - 2.4) = -2.8 at every step
        assertEquals(1.96, f.lossAndOutputGradient(0, 1), 1e-6);
        Grads g = new Grads(model);
        g.clear();
        f.backward(g);
        // sg(u) = 1 / (|u - 1| + 1)^2; reset detached so dV/dU = 1; gV carries beta * gU back
        // t=2: sg(0.025) = 1/1.975^2 = 0.2563693;     gU2 = -2.8 * 0.2563693             = -0.7178340
        // t=1: sg(1.05)  = 1/1.05^2  = 0.9070295;     gU1 = 0.5 gU2 - 2.8 * 0.9070295  = -2.8986001
        // t=0: sg(0.7)   = 1/1.3^2   = 0.5917160;     gU0 = 0.5 gU1 - 2.8 * 0.5917160  = -3.1061049
        // dL/dw = gU0 + gU1 (inputs at steps 0 and 1) = -6.0047050; dL/db = gU0 + gU1 + gU2 = -6.7225390
        assertEquals(-6.0047050, g.in[0][0][0], 2e-6);
        assertEquals(-6.7225390, g.bias[0][0], 2e-6);
    }
}
