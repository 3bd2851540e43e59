package org.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snn4j.model.CubaLif;
import org.snn4j.model.LifPropagators;
import org.snn4j.model.ResetMode;

class SingleNeuronTest {
    private static final double DT = Fixtures.DT;

    @ParameterizedTest(name = "V_inf={0} t_ref={1} tau={2}")
    @CsvSource({"20e-3, 2e-3, 10e-3", "15.5e-3, 2e-3, 10e-3", "40e-3, 0, 10e-3", "25e-3, 5e-3, 20e-3",
            "16e-3, 1e-3, 3e-3"})
    void interSpikeIntervalsMatchTheClosedForm(double vInf, double tRef, double tauMem) {
        CubaLif model = Fixtures.neuron().tauMemSeconds(tauMem).refractorySeconds(tRef).biasCurrent(vInf).build();
        double vTh = model.vThreshold();
        double vReset = model.vReset();
        double closedIsi = tRef + tauMem * Math.log((vInf - vReset) / (vInf - vTh));
        int[] steps = Fixtures.single(model, vReset, 1.0).spikes("n").steps();
        assertTrue(steps.length > 10, "spikes " + steps.length);
        // from V_reset at t = 0, the first crossing is the first step at or after the closed-form time
        double firstCrossing = tauMem * Math.log((vInf - vReset) / (vInf - vTh));
        assertEquals(Math.ceil(firstCrossing / DT), steps[0], 1.0, "first spike step");
        for (int s = 1; s < steps.length; s++) {
            double isi = (steps[s] - steps[s - 1]) * DT;
            // spikes sit on the step grid: the interval is the closed form rounded up to it
            assertTrue(isi >= closedIsi - 1e-9 && isi < closedIsi + DT,
                    "ISI " + isi + " s vs closed form " + closedIsi + " s");
        }
        int gridIsi = (int) Math.ceil(closedIsi / DT - 1e-6);
        for (int s = 1; s < steps.length; s++) {
            assertEquals(gridIsi, steps[s] - steps[s - 1], "every ISI is the same number of steps");
        }
    }

    @Test
    void belowThresholdItNeverSpikesAndRelaxesToVInfinity() {
        double vInf = 10e-3;
        double tau = 10e-3;
        double v0 = -5e-3;
        CubaLif model = Fixtures.neuron().tauMemSeconds(tau).biasCurrent(vInf).build();
        RunResult r = Fixtures.single(model, v0, 1.0);
        assertEquals(0, r.spikes("n").count());
        float[] v = r.state("n", StateVariable.V).of(0);
        // float32 error bound: beta rounded by up to 2^-24 relative, summed over a contraction with
        // rate 1 - beta, on a deviation of |v0 - vInf|; plus rounding of V itself
        double beta = Math.exp(-DT / tau);
        double bound = Math.ulp(1f) * (Math.abs(v0 - vInf) / (1 - beta) + 4 * vInf);
        for (int k = 0; k < v.length; k++) {
            double t = (k + 1) * DT;
            double exact = vInf + (v0 - vInf) * Math.exp(-t / tau);
            assertEquals(exact, v[k], bound, "V at step " + (k + 1));
        }
        assertEquals(vInf, v[v.length - 1], bound);
    }

    @Test
    void refractoryHoldsVAtResetForExactlyTheRefractorySteps() {
        CubaLif model = Fixtures.neuron().refractorySeconds(2e-3).biasCurrent(30e-3).build();
        int refSteps = 20;
        RunResult r = Fixtures.single(model, 0, 0.2);
        int[] steps = r.spikes("n").steps();
        float[] v = r.state("n", StateVariable.V).of(0);
        assertTrue(steps.length > 5);
        for (int s = 0; s < steps.length; s++) {
            int k = steps[s];
            for (int j = 0; j <= refSteps && k + j <= v.length; j++) {
                assertEquals(0f, v[k + j - 1], "V at step " + (k + j) + ", " + j + " steps after the spike");
            }
            if (k + refSteps + 1 <= v.length) {
                assertTrue(v[k + refSteps] > 0, "V integrates again at step " + (k + refSteps + 1));
            }
            if (s + 1 < steps.length) {
                assertTrue(steps[s + 1] - k > refSteps, "no spike within the refractory period");
            }
        }
    }

    @Test
    void subtractiveResetKeepsTheOvershootAndHoldsIt() {
        CubaLif model = Fixtures.neuron().resetMode(ResetMode.SUBTRACT).vReset(-5e-3).refractorySeconds(1e-3)
                .biasCurrent(200e-3).build();
        int refSteps = 10;
        LifPropagators p = new LifPropagators(model, DT);
        float beta = (float) p.beta;
        float rest = (float) p.restDrive;
        float resetStep = (float) (model.vThreshold() - model.vReset());
        RunResult r = Fixtures.single(model, 0, 0.1);
        int[] steps = r.spikes("n").steps();
        float[] v = r.state("n", StateVariable.V).of(0);
        assertTrue(steps.length > 5);
        for (int k : steps) {
            if (k < 2) {
                continue;
            }
            float vNew = (beta * v[k - 2] + rest) + 0f;
            assertTrue(vNew > model.vThreshold());
            assertEquals(vNew - resetStep, v[k - 1], "V just after the spike at step " + k + " is V - (V_th - V_reset)");
            assertTrue(v[k - 1] > model.vReset(), "the overshoot is kept");
            for (int j = 1; j <= refSteps && k + j <= v.length; j++) {
                assertEquals(v[k - 1], v[k + j - 1], "V held at step " + (k + j));
            }
        }
        // Without refractoriness and with a constant drive, subtractive reset fires at the rate the
        // drive supplies: between spikes V climbs by exactly the threshold gap on average.
    }
}
