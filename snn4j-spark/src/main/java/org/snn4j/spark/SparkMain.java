package org.snn4j.spark;

import java.io.PrintWriter;
import org.snn4j.cli.Main;

/** The snn4j command with Spark on the class path: every subcommand, and {@code sweep}. */
public final class SparkMain {
    private SparkMain() {
    }

    public static void main(String[] args) {
        System.exit(Main.run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                new SweepCommand()));
    }
}
