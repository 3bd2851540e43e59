package org.snn4j.train;

import java.util.List;

/**
 * Adam (Kingma &amp; Ba) with decoupled weight decay (AdamW, Loshchilov &amp; Hutter): the same update as
 * PyTorch's {@code torch.optim.AdamW} (and {@code Adam} when the decay is 0), in float with the bias
 * corrections in double.
 */
final class Adam {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;
    final float[][] m;
    final float[][] v;
    long step;

    Adam(List<float[]> params) {
        m = new float[params.size()][];
        v = new float[params.size()][];
        for (int p = 0; p < m.length; p++) {
            m[p] = new float[params.get(p).length];
            v[p] = new float[params.get(p).length];
        }
    }

    void step(List<float[]> params, List<float[]> grads, List<Boolean> decays, double lr, double weightDecay) {
        step++;
        float c1 = (float) (1 - Math.pow(BETA1, step));
        float c2 = (float) Math.sqrt(1 - Math.pow(BETA2, step));
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        float stepSize = (float) lr / c1;
        float eps = (float) EPS;
        for (int p = 0; p < m.length; p++) {
            float[] w = params.get(p);
            float[] g = grads.get(p);
            float[] mp = m[p];
            float[] vp = v[p];
            float decay = decays.get(p) ? (float) (1 - lr * weightDecay) : 1f;
            for (int i = 0; i < w.length; i++) {
                float gi = g[i];
                float mi = b1 * mp[i] + (1f - b1) * gi;
                float vi = b2 * vp[i] + (1f - b2) * gi * gi;
                mp[i] = mi;
                vp[i] = vi;
                w[i] = w[i] * decay - stepSize * mi / ((float) Math.sqrt(vi) / c2 + eps);
            }
        }
    }
}
