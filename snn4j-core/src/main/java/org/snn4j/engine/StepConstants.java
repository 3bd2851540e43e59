package org.snn4j.engine;

import org.snn4j.model.CubaLif;
import org.snn4j.model.LifPropagators;
import org.snn4j.model.ResetMode;

/** The float32 constants of one population's step, derived once from {@link LifPropagators}. */
final class StepConstants {
    final int ports;
    final float beta;
    final float restDrive;
    final float currentGain;
    final float[] alpha;
    final float[] psc;
    final float vThreshold;
    final float vReset;
    /** V_th - V_reset, subtracted in SUBTRACT mode. */
    final float resetStep;
    final boolean subtractReset;
    final int refractorySteps;

    StepConstants(CubaLif model, double dtSeconds) {
        LifPropagators p = new LifPropagators(model, dtSeconds);
        ports = model.ports();
        beta = (float) p.beta;
        restDrive = (float) p.restDrive;
        currentGain = (float) p.currentGain;
        alpha = new float[ports];
        psc = new float[ports];
        for (int q = 0; q < ports; q++) {
            alpha[q] = (float) p.alpha(q);
            psc[q] = (float) p.psc(q);
        }
        vThreshold = (float) model.vThreshold();
        vReset = (float) model.vReset();
        resetStep = (float) (model.vThreshold() - model.vReset());
        subtractReset = model.resetMode() == ResetMode.SUBTRACT;
        refractorySteps = p.refractorySteps;
    }
}
