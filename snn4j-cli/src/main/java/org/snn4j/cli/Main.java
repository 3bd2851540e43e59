package org.snn4j.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code snn4j} command. Exit codes: 0 success, 1 failure while running, 2 bad usage or bad input. */
@Command(name = "snn4j", mixinStandardHelpOptions = true, showDefaultValues = true, versionProvider = Main.Version.class,
        description = "Spiking neural networks with delays: simulate, measure what they cost, compare.",
        footer = {"", "Sweeps on Apache Spark: ./snn4j sweep SPEC --out DIR (module snn4j-spark, which ./snn4j builds"
                + " and puts on the class path for sweep and --spark; ./snn4j sweep --help)."},
        subcommands = {CubaCommand.class, RunCommand.class, CompareSchedulesCommand.class, ComparisonCommand.Narma.class,
            ComparisonCommand.MemoryCapacity.class, TrainCommand.class, EvalCommand.class, ConvertCommand.class, ExportCommand.class, MapCommand.class, ChipSimCommand.class, AsyncStudyCommand.class,
            BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line with the given streams, with more subcommands if given (the snn4j-spark
     * module adds {@code sweep}); returns the exit code.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Object... moreSubcommands) {
        CommandLine cli = new CommandLine(new Main());
        for (Object c : moreSubcommands) {
            cli.addSubcommand(c);
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("snn4j: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for the options.");
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            Throwable cause = ex instanceof java.io.UncheckedIOException u ? u.getCause() : ex;
            if (cause instanceof IllegalArgumentException || cause instanceof java.io.IOException) {
                // bad input: an option, or a file that is missing, unreadable or not what it should be
                c.getErr().println("snn4j: " + Errors.describe(cause));
                return CommandLine.ExitCode.USAGE;
            }
            c.getErr().println("snn4j: internal error: " + Errors.describe(cause));
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The project version, filtered into a resource by Maven. */
    static final class Version implements CommandLine.IVersionProvider {
        static String get() {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/snn4j-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (java.io.IOException e) {
                return "unknown";
            }
            return p.getProperty("version", "unknown");
        }

        @Override
        public String[] getVersion() {
            return new String[] {"snn4j " + get(), "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name")
                    + ")"};
        }
    }
}
