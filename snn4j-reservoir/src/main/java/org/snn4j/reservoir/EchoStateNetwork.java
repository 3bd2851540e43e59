package org.snn4j.reservoir;

import java.util.SplittableRandom;
import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.snn4j.model.Check;

/**
 * The echo state network baseline: x[t] = tanh(W x[t-1] + s_in w_in u[t] + s_b b), with a dense
 * N x N matrix W drawn uniform in [-1, 1) and rescaled to the given spectral radius (largest
 * eigenvalue modulus, by EJML's eigen-decomposition), and w_in, b uniform in [-1, 1). Its cost per
 * input step is N*N + N multiply-accumulates (DESIGN.md).
 */
public final class EchoStateNetwork implements Reservoir {
    private final int n;
    private final double[] weights;
    private final double[] inputWeights;
    private final double[] bias;

    public EchoStateNetwork(int neurons, double spectralRadius, double inputScale, double biasScale, long seed) {
        this.n = Check.positive("neurons", neurons);
        Check.nonNegative("spectralRadius", spectralRadius);
        Check.finite("inputScale", inputScale);
        Check.finite("biasScale", biasScale);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[n * n];
        for (int i = 0; i < w.length; i++) {
            w[i] = 2 * rng.nextDouble() - 1;
        }
        double radius = spectralRadius(w, n);
        double scale = radius == 0 ? 0 : spectralRadius / radius;
        for (int i = 0; i < w.length; i++) {
            w[i] *= scale;
        }
        weights = w;
        inputWeights = new double[n];
        bias = new double[n];
        for (int i = 0; i < n; i++) {
            inputWeights[i] = inputScale * (2 * rng.nextDouble() - 1);
            bias[i] = biasScale * (2 * rng.nextDouble() - 1);
        }
    }

    /** Largest eigenvalue modulus of the row-major n x n matrix. */
    static double spectralRadius(double[] rowMajor, int n) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false);
        if (!eig.decompose(new DMatrixRMaj(n, n, true, rowMajor))) {
            throw new IllegalStateException("eigen-decomposition of the " + n + " x " + n + " reservoir failed");
        }
        double max = 0;
        for (int i = 0; i < n; i++) {
            Complex_F64 e = eig.getEigenvalue(i);
            max = Math.max(max, e.getMagnitude());
        }
        return max;
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public Run run(double[] u) {
        return new Run(states(u), (double) n * n + n, 0, 0, 0);
    }

    private double[][] states(double[] u) {
        double[][] out = new double[u.length][];
        double[] x = new double[n];
        for (int t = 0; t < u.length; t++) {
            double ut = u[t];
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                double s = inputWeights[i] * ut + bias[i];
                int row = i * n;
                for (int j = 0; j < n; j++) {
                    s += weights[row + j] * x[j];
                }
                next[i] = Math.tanh(s);
            }
            out[t] = next;
            x = next;
        }
        return out;
    }
}
