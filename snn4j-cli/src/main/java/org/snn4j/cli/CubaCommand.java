package org.snn4j.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.snn4j.arrays.IntList;
import org.snn4j.engine.Cost;
import org.snn4j.engine.EnergyProfile;
import org.snn4j.engine.Engine;
import org.snn4j.engine.EngineOptions;
import org.snn4j.engine.Monitor;
import org.snn4j.engine.PopulationRate;
import org.snn4j.engine.RunResult;
import org.snn4j.engine.SpikeTrain;
import org.snn4j.model.Network;
import org.snn4j.reference.Cuba;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code snn4j cuba}: the CUBA benchmark network (Brette et al. 2007), timed, as one JSON object. */
@Command(name = "cuba", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Runs the CUBA benchmark network (Vogels & Abbott 2005; Brette et al. 2007) on either "
                + "engine and prints one JSON object: sizes, spikes, rate, synaptic events and timings.",
            "Fields: neurons, synapses, duration_s, dt_s, seed, engine, schedule, group, threads, spikes, rate_hz, syn_events, "
                + "neuron_updates, cycles (asynchronous schedules), energy_profile, energy_j (estimate), t_build_s (network and engine), t_loop_s (simulation loop), events_per_loop_s, "
                + "t_total_process_s (since the process started), java."})
final class CubaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--neurons", defaultValue = "4000", description = "network size N, 80%% excitatory")
    int neurons;

    @Option(names = "--duration", defaultValue = "1.0", paramLabel = "SECONDS",
            description = "simulated time")
    double duration;

    @Option(names = "--seed", defaultValue = "1", description = "seed of connectivity and initial state")
    long seed;

    @Option(names = "--dt", defaultValue = "1e-4", paramLabel = "SECONDS", description = "time step")
    double dt;

    @Option(names = "--engine", defaultValue = "clock", completionCandidates = EngineChoice.Engines.class,
            description = "${COMPLETION-CANDIDATES} (the event engine is single-threaded, "
                    + "its synchronous schedule gives bitwise the clock engine's spikes)")
    String engineName;

    @Option(names = "--schedule", defaultValue = "synchronous", completionCandidates = EngineChoice.Schedules.class,
            description = "event engine: ${COMPLETION-CANDIDATES} (the clock engine's spikes)")
    String scheduleName;

    @Option(names = "--group", defaultValue = "1", description = "event engine, asynchronous schedules: spikes "
            + "emitted per processing cycle (1 = fully asynchronous)")
    int group;

    @Option(names = "--catch-up", defaultValue = "exact", description = EngineChoice.CATCH_UP_HELP)
    String catchUp;

    @Option(names = "--energy", defaultValue = "loihi", description = "energy profile of the estimate: "
            + EnergyProfile.SYNTAX + "")
    String energyName;

    @Option(names = "--threads", defaultValue = "1",
            description = "worker threads; results are bitwise the same for every count")
    int threads;

    @Option(names = "--synapses-per-neuron", defaultValue = "80",
            description = "mean fan-out; the connection probability is this / N (i.e. p = 0.02 at N = 4000)")
    double synapsesPerNeuron;

    @Option(names = "--raster", paramLabel = "FILE.png", description = "also write a spike raster with the population rate below it")
    Path raster;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the JSON object to FILE (atomically)")
    Path json;

    @Option(names = "--no-progress", description = "never show the progress bar")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        Options.atLeast("--neurons", neurons, 2);
        Options.output("--json", json);
        Options.output("--raster", raster);
        Options.nonNegative("--duration", duration);
        Options.positive("--dt", dt);
        Options.atLeast("--threads", threads, 1);
        Options.positive("--synapses-per-neuron", synapsesPerNeuron);
        EngineOptions choice = EngineChoice.parse(engineName, scheduleName, group, threads, catchUp);
        EnergyProfile energy = energyProfile(energyName);
        long t0 = System.nanoTime();
        Network net = Cuba.network(neurons, synapsesPerNeuron, seed);
        double tNetwork = (System.nanoTime() - t0) * 1e-9;
        Engine engine = choice.create(net, dt).record(Monitor.rate(Cuba.POPULATION));
        if (raster != null) {
            engine.record(Monitor.spikes(Cuba.POPULATION));
        }
        RunResult r = engine.run(duration, new ProgressBar(spec.commandLine().getErr(), "cuba", !noProgress));
        Cost c = r.cost();
        Json out = new Json()
                .put("tool", "snn4j").put("version", Main.Version.get())
                .put("neurons", neurons).put("synapses", c.synapses()).put("duration_s", duration).put("dt_s", dt)
                .put("seed", seed).put("engine", engineName).put("schedule", scheduleName).put("group", group)
                .put("catch_up", catchUp).put("threads", threads)
                .put("spikes", c.spikes()).put("rate_hz", c.meanRateHz(dt)).put("syn_events", c.synOps())
                .put("neuron_updates", c.neuronUpdates()).put("cycles", engine.cycles())
                .put("energy_profile", energy.name()).put("energy_j", energy.joules(c))
                .put("t_build_s", tNetwork + c.buildSeconds()).put("t_loop_s", c.loopSeconds())
                .put("events_per_loop_s", c.synOpsPerLoopSecond())
                .put("java", Runtime.version().toString());
        if (raster != null) {
            // the excitatory and the inhibitory neurons (the first 80% and the rest) as two groups of the raster
            SpikeTrain all = r.spikes(Cuba.POPULATION);
            int excitatory = Cuba.excitatory(neurons);
            int steps = r.rate(Cuba.POPULATION).countsPerStep().length;
            List<SpikeTrain> groups = new ArrayList<>();
            List<PopulationRate> rates = new ArrayList<>();
            for (int g = 0; g < 2; g++) {
                int lo = g == 0 ? 0 : excitatory;
                int hi = g == 0 ? excitatory : neurons;
                IntList st = new IntList(1024);
                IntList nr = new IntList(1024);
                int[] counts = new int[steps];
                for (int k = 0; k < all.count(); k++) {
                    int i = all.neurons()[k];
                    if (i >= lo && i < hi) {
                        st.add(all.steps()[k]);
                        nr.add(i - lo);
                        counts[all.steps()[k] - 1]++;
                    }
                }
                String name = g == 0 ? "excitatory" : "inhibitory";
                groups.add(new SpikeTrain(name, st.toArray(), nr.toArray(), dt));
                rates.add(new PopulationRate(name, hi - lo, counts, dt));
            }
            RasterPlot.write(raster, "CUBA, N = " + neurons + ", seed " + seed, groups, rates, 1e-3);
        }
        out.put("t_total_process_s", processSeconds());
        String text = out.toString();
        spec.commandLine().getOut().println(text);
        if (json != null) {
            AtomicFiles.writeText(json, text);
        }
        return 0;
    }

    /** loihi, cpu-45nm, or custom:SYNOP_J,UPDATE_J,SPIKE_J ({@link EnergyProfile#parse}), for --energy. */
    static EnergyProfile energyProfile(String name) {
        try {
            return EnergyProfile.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--energy: " + e.getMessage(), e);
        }
    }

    /**
     * Seconds since the process started, JVM start-up included: from the launcher's clock reading
     * (property snn4j.startEpochNanos) when it gave one, else from the JVM's own start time.
     * (ProcessHandle's start instant is derived from whole-second boot time, up to 1 s off.)
     */
    static double processSeconds() {
        long nowNanos = Duration.between(Instant.EPOCH, Instant.now()).toNanos();
        String launched = System.getProperty("snn4j.startEpochNanos");
        if (launched != null && launched.matches("\\d+")) {
            return (nowNanos - Long.parseLong(launched)) * 1e-9;
        }
        return (nowNanos - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime() * 1_000_000L) * 1e-9;
    }
}
