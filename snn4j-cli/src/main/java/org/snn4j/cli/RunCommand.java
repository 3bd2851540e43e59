package org.snn4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.snn4j.engine.Cost;
import org.snn4j.engine.Decision;
import org.snn4j.engine.EnergyProfile;
import org.snn4j.engine.Engine;
import org.snn4j.engine.EngineOptions;
import org.snn4j.engine.RunResult;
import org.snn4j.io.NetworkFile;
import org.snn4j.io.NetworkFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code snn4j run FILE}: a network from a JSON file on either engine, its cost as one JSON object. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a network described in a JSON file (format: README) on the clock or the event engine "
                + "and prints one JSON object: sizes, spikes (total and per population), spike density, SynOps, "
                + "neuron updates, cycles, energy estimate, timings; with an output population, also the decision and "
                + "latency at the first output spike (from a second run that stops there)."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the network file (JSON, or YAML for .yaml/.yml)")
    Path file;

    @Option(names = "--duration", defaultValue = "1.0", paramLabel = "SECONDS",
            description = "simulated time (default: ${DEFAULT-VALUE} s)")
    double duration;

    @Option(names = "--engine", defaultValue = "clock", completionCandidates = EngineChoice.Engines.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    String engineName;

    @Option(names = "--schedule", defaultValue = "synchronous", completionCandidates = EngineChoice.Schedules.class,
            description = "event engine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    String scheduleName;

    @Option(names = "--group", defaultValue = "1", description = "spikes per processing cycle (default: ${DEFAULT-VALUE})")
    int group;

    @Option(names = "--catch-up", defaultValue = "exact", description = EngineChoice.CATCH_UP_HELP)
    String catchUp;

    @Option(names = "--threads", defaultValue = "1", description = "clock engine worker threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--energy", defaultValue = "loihi",
            description = "energy profile: " + EnergyProfile.SYNTAX + " (default: ${DEFAULT-VALUE})")
    String energyName;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the JSON object to FILE (atomically)")
    Path json;

    @Option(names = "--no-progress", description = "never show the progress bar (it appears when a run takes over a second)")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        Options.nonNegative("--duration", duration);
        Options.output("--json", json, file);
        EngineOptions choice = EngineChoice.parse(engineName, scheduleName, group, threads, catchUp);
        EnergyProfile energy = CubaCommand.energyProfile(energyName);
        long t0 = System.nanoTime();
        NetworkFile net = NetworkFiles.read(file);
        double tRead = (System.nanoTime() - t0) * 1e-9;
        Engine engine = choice.create(net.network(), net.dtSeconds());
        RunResult r = engine.run(duration, new ProgressBar(spec.commandLine().getErr(), "run", !noProgress));
        Decision decision = null;
        if (net.output() != null) {
            // the latency to the first output spike, from a second run that stops there
            Engine early = choice.create(net.network(), net.dtSeconds()).earlyDecision(net.output(), 0);
            early.run(duration);
            decision = early.decision();
        }
        Cost c = r.cost();
        Json perPopulation = new Json();
        c.spikesPerPopulation().forEach(perPopulation::put);
        Json out = new Json().put("tool", "snn4j").put("file", file.toString())
                .put("neurons", c.neurons()).put("synapses", c.synapses()).put("duration_s", duration)
                .put("dt_s", net.dtSeconds()).put("engine", engineName).put("schedule", scheduleName).put("group", group)
                .put("catch_up", catchUp)
                .put("spikes", c.spikes()).put("spikes_per_population", perPopulation)
                .put("source_spikes", c.sourceSpikes()).put("spike_density", c.spikeDensity())
                .put("syn_ops", c.synOps()).put("neuron_updates", c.neuronUpdates()).put("cycles", engine.cycles())
                .put("energy_profile", energy.name()).put("energy_j", energy.joules(c))
                .put("t_build_s", tRead + c.buildSeconds()).put("t_loop_s", c.loopSeconds());
        if (decision != null) {
            out.put("output", net.output()).put("decision", decision.neuron())
                    .put("latency_cycles", decision.cycles()).put("latency_steps", decision.steps());
        }
        String text = out.toString();
        spec.commandLine().getOut().println(text);
        if (json != null) {
            AtomicFiles.writeText(json, text, file);
        }
        return 0;
    }
}
