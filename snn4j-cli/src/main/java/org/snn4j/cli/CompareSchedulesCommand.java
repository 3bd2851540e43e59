package org.snn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.snn4j.engine.Cost;
import org.snn4j.engine.Decision;
import org.snn4j.engine.EnergyProfile;
import org.snn4j.engine.Engine;
import org.snn4j.engine.EngineOptions;
import org.snn4j.engine.Scheduler;
import org.snn4j.io.NetworkFile;
import org.snn4j.io.NetworkFiles;
import org.snn4j.model.Network;
import org.snn4j.reference.FeedForward;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code snn4j compare-schedules}: one network under every schedule of the event engine. */
@Command(name = "compare-schedules", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Runs a network file (format: README), or without FILE the built-in layered example (100 "
                + "Poisson inputs -> 100 hidden -> 10 outputs, zero delays between layers), on the event engine under every schedule (synchronous; fifo, random and "
                + "momentum with each --groups size) and prints a table: spikes, density (spikes per neuron per "
                + "step), SynOps, neuron updates, energy, wall time, and the latency to the first output spike "
                + "(cycles and steps, from a second run that stops there) with its decision.",
            "--json FILE writes the rows."})
final class CompareSchedulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "a network file; its \"output\" population gives the decision and latency")
    Path file;

    @Option(names = "--duration", defaultValue = "0.1", paramLabel = "SECONDS",
            description = "simulated time of the full runs")
    double duration;

    @Option(names = "--groups", split = ",", defaultValue = "1,1000", paramLabel = "F[,F...]",
            description = "group sizes of the asynchronous schedules")
    int[] groups;

    @Option(names = "--seed", description = "network and schedule seed (default: the file's, as for run; 1 for the "
            + "built-in example)")
    Long seedOption;

    @Option(names = "--energy", defaultValue = "loihi", description = "energy profile (as for cuba)")
    String energyName;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the rows as a JSON list (atomically)")
    Path json;

    @Override
    public Integer call() throws Exception {
        Options.nonNegative("--duration", duration);
        Options.output("--json", json, file);
        for (int f : groups) {
            Options.atLeast("--groups", f, 1);
        }
        EnergyProfile energy = CubaCommand.energyProfile(energyName);
        Network net;
        long seed;
        double dt;
        String output;
        if (file != null) {
            NetworkFile spec = NetworkFiles.read(file, seedOption, null);
            seed = spec.seed();
            net = spec.network();
            dt = spec.dtSeconds();
            output = spec.output();
        } else {
            seed = seedOption != null ? seedOption : 1;
            net = FeedForward.network(seed);
            dt = FeedForward.DT_SECONDS;
            output = FeedForward.OUTPUT;
        }
        List<EngineOptions> schedules = new ArrayList<>();
        for (String name : Scheduler.BY_NAME.names()) {
            Scheduler s = Scheduler.BY_NAME.get(name);
            if (s == null) {
                schedules.add(EngineOptions.EVENT);
                continue;
            }
            for (int f : groups) {
                schedules.add(EngineOptions.event(s, f));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-12s %6s %8s %9s %9s %10s %11s %9s %13s %9s%n", "schedule", "F", "spikes", "density", "SynOps",
                "updates", "energy_uJ", "wall_ms", "latency_cyc", "decision");
        List<Json> rows = new ArrayList<>();
        for (EngineOptions sc : schedules) {
            boolean async = sc.scheduler() != null;
            Engine full = sc.create(net, dt).seed(seed);
            Cost c = full.run(duration).cost();
            Decision d = new Decision(-1, 0, 0, false);
            if (output != null) {
                Engine early = sc.create(net, dt).seed(seed).earlyDecision(output, 0);
                early.run(duration);
                d = early.decision();
            }
            double density = c.spikeDensity();
            out.printf("%-12s %6s %8d %9.5f %9d %10d %11.3f %9.1f %13s %9s%n", sc.scheduleName(),
                    async ? sc.group() : "-", c.spikes(), density, c.synOps(), c.neuronUpdates(),
                    energy.joules(c) * 1e6, c.loopSeconds() * 1e3,
                    d.neuron() < 0 ? "-" : d.cycles() + " (" + d.steps() + " st)", d.neuron() < 0 ? "none" : "n" + d.neuron());
            rows.add(new Json().put("schedule", sc.scheduleName()).put("group", async ? sc.group() : null)
                    .put("spikes", c.spikes()).put("spike_density", density).put("syn_ops", c.synOps())
                    .put("neuron_updates", c.neuronUpdates()).put("cycles", full.cycles())
                    .put("energy_profile", energy.name()).put("energy_j", energy.joules(c))
                    .put("t_loop_s", c.loopSeconds()).put("latency_cycles", d.neuron() < 0 ? null : d.cycles())
                    .put("latency_steps", d.neuron() < 0 ? null : d.steps()).put("decision", d.neuron()));
        }
        out.flush();
        if (json != null) {
            AtomicFiles.writeText(json, Json.list(rows), file);
        }
        return 0;
    }
}
