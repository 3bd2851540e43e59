package org.snn4j.bench;

import java.util.Locale;

/**
 * What a second core adds on this machine, for the two kinds of loop the engines run: a vectorized
 * float loop (as the LIF update) and a scalar integer loop, each thread doing the same work, so that
 * two threads taking as long as one means the cores do not share. Run:
 * {@code java -cp snn4j-bench/target/classes org.snn4j.bench.CoreScaling}.
 */
public final class CoreScaling {
    private CoreScaling() {
    }

    static float floatLoop(float[] a, int reps) {
        float s = 0;
        for (int r = 0; r < reps; r++) {
            for (int i = 0; i < a.length; i++) {
                a[i] = a[i] * 0.999f + 0.001f;
            }
            s += a[r % a.length];
        }
        return s;
    }

    static long integerLoop(long reps) {
        long x = 1;
        for (long r = 0; r < reps; r++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            x ^= x >>> 13;
        }
        return x;
    }

    static double seconds(int threads, boolean vector) throws InterruptedException {
        Thread[] ts = new Thread[threads];
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            ts[t] = new Thread(() -> {
                if (vector) {
                    floatLoop(new float[4096], 1_000_000);
                } else {
                    integerLoop(300_000_000L);
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        return (System.nanoTime() - t0) * 1e-9;
    }

    public static void main(String[] args) throws InterruptedException {
        seconds(1, true);
        seconds(1, false);
        for (int round = 1; round <= 5; round++) {
            double f1 = seconds(1, true);
            double f2 = seconds(2, true);
            double i1 = seconds(1, false);
            double i2 = seconds(2, false);
            System.out.printf(Locale.ROOT, "round %d: float loop: 2 threads %.2fx the work of one per second; integer loop:"
                    + " %.2fx%n", round, 2 * f1 / f2, 2 * i1 / i2);
        }
    }
}
