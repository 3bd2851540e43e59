package org.snn4j.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LifKernel} on SIMD lanes (the Vector API): the same operations in the same order as
 * {@link ScalarLifKernel} (multiplies and adds, never fused), so the two are bitwise equal; the
 * branches become lane masks, all on float lanes (the refractory counters are floats for this).
 * Each port is one loop that adds its term into the {@code drive} scratch, then one loop applies
 * the membrane update: loops without vector-valued phis, which JDK 17's C2 keeps in registers
 * (a port loop carrying a vector compiled to boxed objects, 15x slower). The tail that does not
 * fill a vector runs on the scalar kernel.
 */
final class VectorLifKernel implements LifKernel {
    static final VectorLifKernel INSTANCE = new VectorLifKernel();
    /**
     * JDK 17 compiles 512-bit masked code poorly (measured 2.4x slower than 256-bit on AVX-512);
     * from JDK 21 the preferred width is used.
     */
    private static final VectorSpecies<Float> F = Runtime.version().feature() < 21
            && FloatVector.SPECIES_PREFERRED.vectorBitSize() > 256
            ? FloatVector.SPECIES_256 : FloatVector.SPECIES_PREFERRED;

    private VectorLifKernel() {
    }

    static int lanes() {
        return F.length();
    }

    @Override
    public int step(int lo, int hi, int n, StepConstants c, float[] v, float[][] current, float[] refractory,
            float[] ring, int slotOffset, float[] ext, float[] drive, int[] spikes, int spikeCount) {
        int upper = lo + F.loopBound(hi - lo);
        for (int p = 0; p < c.ports; p++) {
            int base = slotOffset + p * n;
            if (p > 0) {
                addPort(lo, upper, current[p], ring, base, c.alpha[p], c.psc[p], drive);
            } else if (ext == null) {
                firstPort(lo, upper, current[p], ring, base, c.alpha[p], c.psc[p], drive);
            } else {
                firstPortWithExt(lo, upper, current[p], ring, base, c.alpha[p], c.psc[p], ext, drive);
            }
        }
        int count = membrane(lo, upper, c, v, refractory, drive, spikes, spikeCount);
        return ScalarLifKernel.INSTANCE.step(upper, hi, n, c, v, current, refractory, ring, slotOffset, ext, drive,
                spikes, count);
    }

    /** drive = psc c with c = I + arrivals; I = alpha c; arrivals cleared. */
    private static void firstPort(int lo, int upper, float[] cur, float[] ring, int base, float alpha, float psc,
            float[] drive) {
        FloatVector zero = FloatVector.zero(F);
        for (int i = lo; i < upper; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, cur, i).add(FloatVector.fromArray(F, ring, base + i));
            zero.intoArray(ring, base + i);
            x.mul(psc).intoArray(drive, i);
            x.mul(alpha).intoArray(cur, i);
        }
    }

    /** drive = ext + psc c. */
    private static void firstPortWithExt(int lo, int upper, float[] cur, float[] ring, int base, float alpha,
            float psc, float[] ext, float[] drive) {
        FloatVector zero = FloatVector.zero(F);
        for (int i = lo; i < upper; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, cur, i).add(FloatVector.fromArray(F, ring, base + i));
            zero.intoArray(ring, base + i);
            FloatVector.fromArray(F, ext, i).add(x.mul(psc)).intoArray(drive, i);
            x.mul(alpha).intoArray(cur, i);
        }
    }

    /** drive += psc c. */
    private static void addPort(int lo, int upper, float[] cur, float[] ring, int base, float alpha, float psc,
            float[] drive) {
        FloatVector zero = FloatVector.zero(F);
        for (int i = lo; i < upper; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, cur, i).add(FloatVector.fromArray(F, ring, base + i));
            zero.intoArray(ring, base + i);
            FloatVector.fromArray(F, drive, i).add(x.mul(psc)).intoArray(drive, i);
            x.mul(alpha).intoArray(cur, i);
        }
    }

    /** V update, threshold, reset and refractory countdown; appends spiking indices. */
    private static int membrane(int lo, int upper, StepConstants c, float[] v, float[] refractory, float[] drive,
            int[] spikes, int spikeCount) {
        int count = spikeCount;
        int lanes = F.length();
        float beta = c.beta;
        float rest = c.restDrive;
        float threshold = c.vThreshold;
        float resetStep = c.resetStep;
        boolean subtract = c.subtractReset;
        FloatVector resetTo = FloatVector.broadcast(F, c.vReset);
        FloatVector refractoryCount = FloatVector.broadcast(F, c.refractoryCount);
        for (int i = lo; i < upper; i += lanes) {
            FloatVector r = FloatVector.fromArray(F, refractory, i);
            VectorMask<Float> held = r.compare(VectorOperators.GT, 0f);
            FloatVector vOld = FloatVector.fromArray(F, v, i);
            FloatVector vNew = vOld.mul(beta).add(rest).add(FloatVector.fromArray(F, drive, i));
            VectorMask<Float> spike = vNew.compare(VectorOperators.GT, threshold).andNot(held);
            FloatVector afterSpike = subtract ? vNew.sub(resetStep) : resetTo;
            vOld.blend(vNew, held.not()).blend(afterSpike, spike).intoArray(v, i);
            boolean anySpike = spike.anyTrue();
            if (anySpike || held.anyTrue()) {
                r.sub(1f, held).blend(refractoryCount, spike).intoArray(refractory, i);
                if (anySpike) {
                    for (int j = 0; j < lanes; j++) {
                        if (spike.laneIsSet(j)) {
                            spikes[count++] = i + j;
                        }
                    }
                }
            }
        }
        return count;
    }
}
