package org.snn4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LifPropagatorsTest {
    @ParameterizedTest(name = "tauM={0} tauS={1} dt={2}")
    @CsvSource({"20e-3, 5e-3, 1e-4", "20e-3, 10e-3, 1e-4", "10e-3, 10e-3, 1e-4", "5e-3, 20e-3, 1e-3",
            "10e-3, 2e-3, 1e-3", "10e-3, 10.000001e-3, 5e-4"})
    void exactPropagatorsAgreeWithAFineStepReference(double tauM, double tauS, double dt) {
        double vLeak = -0.065;
        double r = 2.5;
        double bias = 0.004;
        CubaLif model = CubaLif.builder().tauMemSeconds(tauM).tauSynSeconds(tauS).vLeak(vLeak).vThreshold(1)
                .vReset(-1).resistance(r).biasCurrent(bias).build();
        LifPropagators p = new LifPropagators(model, dt);
        double v0 = -0.05;
        double i0 = 0.003;
        double[] ref = FineStepReference.step(v0, i0, dt, tauM, tauS, vLeak, r, bias);
        double v1 = p.beta * v0 + p.restDrive + p.psc(0) * i0;
        double i1 = p.alpha(0) * i0;
        assertEquals(ref[0], v1, 1e-13, "V after one step");
        assertEquals(ref[1], i1, 1e-15, "I after one step");
    }

    @ParameterizedTest
    @CsvSource({"10e-3, 1e-4", "20e-3, 1e-3", "1e-3, 1e-3"})
    void equalTimeConstantsGiveTheLimitForm(double tau, double dt) {
        CubaLif model = CubaLif.builder().tauMemSeconds(tau).tauSynSeconds(tau).resistance(3).build();
        LifPropagators p = new LifPropagators(model, dt);
        double limit = 3 * (dt / tau) * Math.exp(-dt / tau);
        assertEquals(limit, p.psc(0), 1e-15 * limit);
        // and the general form is continuous at the limit
        CubaLif near = model.toBuilder().tauSynSeconds(tau * (1 + 1e-7)).build();
        assertEquals(limit, new LifPropagators(near, dt).psc(0), 1e-6 * limit);
    }

    @ParameterizedTest
    @CsvSource({"2e-3, 1e-4, 20", "2.04e-3, 1e-4, 20", "0, 1e-4, 0", "5e-3, 1e-3, 5"})
    void refractoryPeriodRoundsToWholeSteps(double tRef, double dt, int steps) {
        CubaLif model = CubaLif.builder().refractorySeconds(tRef).build();
        assertEquals(steps, new LifPropagators(model, dt).refractorySteps);
    }

    @ParameterizedTest(name = "tauM={0} tauS={1} dt={2}")
    @CsvSource({"20e-3, 5e-3, 1e-4", "1e-3, 2e-4, 1e-4", "1e-4, 1e-4, 1e-4"})
    void eulerIsOneForwardStepOfTheEquations(double tauM, double tauS, double dt) {
        double vLeak = -0.065;
        double r = 2.5;
        double bias = 0.004;
        CubaLif model = CubaLif.builder().tauMemSeconds(tauM).tauSynSeconds(tauS, 0).vLeak(vLeak).vThreshold(1).vReset(-1)
                .resistance(r).biasCurrent(bias).discretisation(Discretisation.EULER).build();
        LifPropagators p = new LifPropagators(model, dt);
        double v0 = -0.05;
        double i0 = 0.003;
        double ext = 0.002;
        // V' = V + dt/tau_m (V_leak - V + R (I + I_bias + I_ext)); I' = I - dt/tau_s I
        double v1 = v0 + dt / tauM * (vLeak - v0 + r * (i0 + bias + ext));
        assertEquals(v1, p.beta * v0 + p.restDrive + p.psc(0) * i0 + p.currentGain * ext, 1e-15);
        assertEquals(i0 - dt / tauS * i0, p.alpha(0) * i0, 1e-18);
        assertEquals(0, p.alpha(1));
        assertEquals(1, p.psc(1));
    }

    @ParameterizedTest(name = "tauS={0} dt={1}")
    @CsvSource({"5e-3, 1e-4", "1e-3, 1e-3", "0, 1e-4"})
    void aPerfectIntegratorAddsTheIntegralOfItsInputs(double tauS, double dt) {
        double r = 3;
        double bias = 0.01;
        CubaLif model = CubaLif.builder().tauMemSeconds(Double.POSITIVE_INFINITY).tauSynSeconds(tauS).vThreshold(1)
                .resistance(r).biasCurrent(bias).build();
        LifPropagators p = new LifPropagators(model, dt);
        assertEquals(1, p.beta);
        assertEquals(r * bias * dt, p.restDrive, 1e-18);
        assertEquals(r * dt, p.currentGain, 1e-18);
        // dV/dt = R I with I = I0 exp(-t/tau_s): V gains R I0 tau_s (1 - exp(-dt/tau_s)) over the step
        double expected = tauS == 0 ? 1 : r * tauS * (1 - Math.exp(-dt / tauS));
        assertEquals(expected, p.psc(0), 1e-12 * expected);
    }

    @ParameterizedTest
    @CsvSource({"1e-3, 2e-3, 0", "1e-2, 1e-3, 1"})
    void eulerRefusesAStepLongerThanATimeConstant(double tauM, double dt, int port) {
        CubaLif model = CubaLif.builder().tauMemSeconds(tauM).tauSynSeconds(port == 1 ? 1e-4 : 1e-3)
                .discretisation(Discretisation.EULER).build();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new LifPropagators(model, dt));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(port == 1 ? "tau_syn[0]" : "tau_mem"),
                e.getMessage());
    }
}
