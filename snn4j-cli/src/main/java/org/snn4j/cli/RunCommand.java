package org.snn4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.snn4j.engine.Cost;
import org.snn4j.engine.Decision;
import org.snn4j.engine.EnergyProfile;
import org.snn4j.engine.Engine;
import org.snn4j.engine.EngineOptions;
import org.snn4j.engine.Monitor;
import org.snn4j.engine.PopulationRate;
import org.snn4j.engine.RunResult;
import org.snn4j.engine.SpikeTrain;
import org.snn4j.engine.StateTrace;
import org.snn4j.io.NetworkFile;
import org.snn4j.io.NetworkFiles;
import org.snn4j.io.Recordings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code snn4j run FILE}: a network from a JSON file on either engine, its cost as one JSON object. */
@Command(name = "run", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Runs a network described in a JSON or YAML file (format: README), or a NIR graph (.nir, with "
                + "--input or --input-rate), on the clock or the event engine "
                + "and prints one JSON object: sizes, spikes (total and per population), spike density, SynOps, "
                + "neuron updates, cycles, energy estimate, timings; with an output population, also the decision and "
                + "latency at the first output spike (from a second run that stops there)."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the network file (JSON, or YAML for .yaml/.yml), or a NIR file (.nir)")
    Path file;

    @Option(names = "--duration", defaultValue = "1.0", paramLabel = "SECONDS",
            description = "simulated time")
    double duration;

    @Option(names = "--engine", defaultValue = "clock", completionCandidates = EngineChoice.Engines.class,
            description = "${COMPLETION-CANDIDATES}")
    String engineName;

    @Option(names = "--schedule", defaultValue = "synchronous", completionCandidates = EngineChoice.Schedules.class,
            description = "event engine: ${COMPLETION-CANDIDATES}")
    String scheduleName;

    @Option(names = "--group", defaultValue = "1", description = "spikes per processing cycle")
    int group;

    @Option(names = "--catch-up", defaultValue = "exact", description = EngineChoice.CATCH_UP_HELP)
    String catchUp;

    @Option(names = "--threads", defaultValue = "1", description = "clock engine worker threads")
    int threads;

    @Option(names = "--energy", defaultValue = "loihi",
            description = "energy profile: " + EnergyProfile.SYNTAX + "")
    String energyName;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the JSON object to FILE (atomically)")
    Path json;

    @Option(names = "--no-progress", description = "never show the progress bar (it appears when a run takes over a second)")
    boolean noProgress;

    @Option(names = "--seed", paramLabel = "SEED", description = "build the network and seed the engine from this seed "
            + "instead of the file's (echoed in the JSON)")
    Long seed;

    @Option(names = "--dt", paramLabel = "SECONDS", description = "time step instead of the file's dt_s (a NIR "
            + "file has one only if snn4j wrote it, else 1e-4 s)")
    Double dt;

    @Option(names = "--input", paramLabel = "FILE", description = "NIR files: the spike trains of the graph's "
            + "inputs, as --spikes writes them (CSV population,neuron,step[,time_s], or HDF5 for .h5; the population "
            + "is the Input node)")
    Path input;

    @Option(names = "--input-rate", paramLabel = "HZ", description = "NIR files: Poisson spike trains of this rate "
            + "into every graph input instead of --input")
    Double inputRate;

    @picocli.CommandLine.Mixin
    NirOptions nirOptions;

    @Option(names = "--hardware", paramLabel = "CHIP", completionCandidates = EngineChoice.Hardware.class,
            description = "run in a chip's integers: ${COMPLETION-CANDIDATES} (bit-exact to Lava's bit-accurate LIF / "
                    + "XyloSim); the conversion report goes to stderr, and the JSON gains the spike agreement with the "
                    + "float run per population (clock engine)")
    String hardware;

    @Option(names = "--spikes", paramLabel = "FILE", description = "write every spike: CSV (population,neuron,step,time_s)"
            + " for .csv, HDF5 for .h5 (/spikes/POP/neuron and /step, int32; attribute dt_s)")
    Path spikesFile;

    @Option(names = "--spikes-of", paramLabel = "POP[:I-J]", split = ",",
            description = "with --spikes: only these populations (and neurons); default all")
    List<String> spikesOf;

    @Option(names = "--record", paramLabel = "POP:VAR[:I-J]=FILE.csv",
            description = "state traces of neurons into a CSV, one row per step and a column per neuron: VAR is v or "
                    + "currentP (repeatable; traces naming the same file share it)")
    List<String> record;

    @Option(names = "--rate", paramLabel = "POP[:BIN_MS]", split = ",",
            description = "population rates in Hz per bin (default 1 ms) into the JSON, under rate_hz")
    List<String> rates;

    @Option(names = "--raster", paramLabel = "FILE.png",
            description = "a spike raster of every population (one colour each) with their rates below")
    Path raster;

    @Override
    public Integer call() throws Exception {
        Options.nonNegative("--duration", duration);
        Options.output("--json", json, file);
        Options.output("--spikes", spikesFile, file);
        Options.output("--raster", raster, file);
        if (dt != null) {
            Options.positive("--dt", dt);
        }
        if (record != null) {
            for (String r : record) {
                Options.output("--record", recordFile(r), file);
            }
        }
        EngineOptions choice = EngineChoice.parse(engineName, scheduleName, group, threads, catchUp);
        EnergyProfile energy = CubaCommand.energyProfile(energyName);
        long t0 = System.nanoTime();
        boolean isNir = file.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".nir");
        NetworkFile net = isNir ? nir() : NetworkFiles.read(file, seed, dt);
        if (!isNir && (input != null || inputRate != null)) {
            throw new IllegalArgumentException("--input / --input-rate: for NIR files (a network file has its sources)");
        }
        if (!isNir) {
            nirOptions.onlyForNir(file);
        }
        double tRead = (System.nanoTime() - t0) * 1e-9;
        mergeRecordSection(net.record());
        EngineOptions run = EngineChoice.withHardware(choice, hardware);
        Engine engine = run.create(net.network(), net.dtSeconds());
        if (engine instanceof org.snn4j.engine.FixedPointEngine f) {
            f.conversion().report.forEach(line -> spec.commandLine().getErr().println("hardware: " + line));
            engine.record(Monitor.allSpikes());
        }
        Recorded recorded = monitors(net, engine);
        RunResult r = engine.run(duration, new ProgressBar(spec.commandLine().getErr(), "run", !noProgress));
        Decision decision = null;
        if (net.output() != null) {
            // the latency to the first output spike, from a second run that stops there
            Engine early = run.create(net.network(), net.dtSeconds()).earlyDecision(net.output(), 0);
            early.run(duration);
            decision = early.decision();
        }
        Cost c = r.cost();
        Json perPopulation = new Json();
        c.spikesPerPopulation().forEach(perPopulation::put);
        Json out = new Json().put("tool", "snn4j").put("file", file.toString())
                .put("neurons", c.neurons()).put("synapses", c.synapses()).put("duration_s", duration)
                .put("dt_s", net.dtSeconds()).put("seed", net.seed()).put("engine", engineName).put("schedule", scheduleName).put("group", group)
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
        if (run.hardware() != null) {
            // side by side: the float run of the same network and inputs
            RunResult f = choice.create(net.network(), net.dtSeconds()).record(Monitor.allSpikes()).run(duration);
            Json agreement = new Json();
            for (org.snn4j.model.Population p : net.network().populations()) {
                org.snn4j.hardware.Agreement a = org.snn4j.hardware.Agreement.of(f.spikes(p.name()), r.spikes(p.name()));
                agreement.put(p.name(), new Json().put("float_spikes", f.spikes(p.name()).count())
                        .put("hardware_spikes", r.spikes(p.name()).count()).put("both", a.both()).put("either", a.either())
                        .put("agreement", a.ratio()).put("first_divergence_step", a.firstDivergenceStep()));
            }
            out.put("hardware", hardware).put("agreement", agreement);
        }
        recorded.write(r, out);
        String text = out.toString();
        spec.commandLine().getOut().println(text);
        if (json != null) {
            AtomicFiles.writeText(json, text, file);
        }
        return 0;
    }

    /** What the recording options asked for, attached to the engine before the run. */
    private record Recorded(List<Recordings.Selection> spikeSelections, List<List<Recordings.Trace>> traces,
            List<Path> traceFiles,
            Map<String, Integer> rateBins, Path spikes, Path raster, Path input, NetworkFile net) {
        void write(RunResult r, Json out) throws IOException {
            if (spikes != null) {
                List<SpikeTrain> trains = new ArrayList<>();
                for (Recordings.Selection sel : spikeSelections) {
                    trains.add(sel.of(r.spikes(sel.population())));
                }
                Recordings.writeSpikes(spikes, trains, input);
                out.put("spikes_file", spikes.toString());
            }
            for (int t = 0; t < traces.size(); t++) {
                List<StateTrace> states = new ArrayList<>();
                for (Recordings.Trace tr : traces.get(t)) {
                    states.add(r.state(tr.neurons().population(), tr.variable()));
                }
                Recordings.writeTraces(traceFiles.get(t), states, r.dtSeconds(), input);
            }
            if (!rateBins.isEmpty()) {
                Json rateHz = new Json();
                rateBins.forEach((p, bin) -> rateHz.put(p, binned(r.rate(p), bin)));
                out.put("rate_hz", rateHz);
            }
            if (raster != null) {
                List<SpikeTrain> trains = new ArrayList<>();
                List<PopulationRate> popRates = new ArrayList<>();
                for (org.snn4j.model.Population p : net.network().populations()) {
                    trains.add(r.spikes(p.name()));
                    popRates.add(r.rate(p.name()));
                }
                RasterPlot.write(raster, input.getFileName() + ", seed " + net.seed(), trains, popRates, 5e-3);
            }
        }
    }

    /** Rates in Hz over bins of {@code stepsPerBin} steps. */
    private static List<Double> binned(PopulationRate rate, int stepsPerBin) {
        int[] counts = rate.countsPerStep();
        List<Double> out = new ArrayList<>();
        for (int b = 0; b * stepsPerBin < counts.length; b++) {
            long sum = 0;
            int steps = Math.min(counts.length, (b + 1) * stepsPerBin) - b * stepsPerBin;
            for (int k = b * stepsPerBin; k < b * stepsPerBin + steps; k++) {
                sum += counts[k];
            }
            out.add(sum / (rate.size() * steps * rate.dtSeconds()));
        }
        return out;
    }

    /** Parses the recording options, checks them against the network, and records what they need. */
    private Recorded monitors(NetworkFile net, Engine engine) {
        org.snn4j.model.Network network = net.network();
        // the spikes file's selections (whole populations by default); spikes are recorded whole and cut when written
        List<Recordings.Selection> selections = new ArrayList<>();
        if (spikesOf != null && spikesFile == null) {
            throw new IllegalArgumentException("--spikes-of: needs --spikes FILE");
        }
        if (spikesFile != null && spikesOf != null) {
            for (String text : spikesOf) {
                Recordings.Selection sel = option("--spikes-of " + text, () -> Recordings.Selection.parse(text));
                option("--spikes-of " + text, () -> sel.neuronsIn(network));
                selections.add(sel);
            }
        } else if (spikesFile != null) {
            for (org.snn4j.model.Population p : network.populations()) {
                selections.add(new Recordings.Selection(p.name(), 0, -1));
            }
        }
        java.util.Set<String> spiking = new java.util.LinkedHashSet<>();
        for (Recordings.Selection sel : selections) {
            spiking.add(sel.population());
        }
        if (raster != null) {
            for (org.snn4j.model.Population p : network.populations()) {
                spiking.add(p.name());
            }
        }
        for (String p : spiking) {
            engine.record(Monitor.spikes(p));
        }
        List<List<Recordings.Trace>> traces = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        if (record != null) {
            Map<Path, List<Recordings.Trace>> byFile = new LinkedHashMap<>();
            for (String arg : record) {
                String text = arg.substring(0, arg.indexOf('='));
                Recordings.Trace t = option("--record " + text, () -> Recordings.Trace.parse(text));
                int[] neurons = option("--record " + text, () -> t.neuronsIn(network));
                engine.record(Monitor.states(t.neurons().population(), t.variable(), neurons));
                byFile.computeIfAbsent(recordFile(arg), f -> new ArrayList<>()).add(t);
            }
            byFile.forEach((f, list) -> {
                files.add(f);
                traces.add(list);
            });
        }
        Map<String, Integer> rateBins = new LinkedHashMap<>();
        if (rates != null) {
            for (String text : rates) {
                String[] pr = text.split(":", -1);
                org.snn4j.model.Population p = option("--rate " + text, () -> Recordings.population(network, pr[0]));
                double binMs = 1;
                if (pr.length > 2) {
                    throw new IllegalArgumentException("--rate " + text + ": expected POP or POP:BIN_MS");
                }
                if (pr.length == 2) {
                    try {
                        binMs = Double.parseDouble(pr[1]);
                    } catch (NumberFormatException e) {
                        binMs = Double.NaN;
                    }
                }
                int steps = (int) Math.round(binMs * 1e-3 / net.dtSeconds());
                if (!(binMs > 0) || Double.isInfinite(binMs) || steps < 1) {
                    throw new IllegalArgumentException("--rate " + text + ": the bin must be at least one step ("
                            + net.dtSeconds() * 1e3 + " ms)");
                }
                rateBins.put(p.name(), steps);
            }
        }
        if (raster != null) {
            for (org.snn4j.model.Population p : network.populations()) {
                engine.record(Monitor.rate(p.name()));
            }
        } else {
            for (String p : rateBins.keySet()) {
                engine.record(Monitor.rate(p));
            }
        }
        return new Recorded(selections, traces, files, rateBins, spikesFile, raster, file, net);
    }

    /** A NIR file as a network, its graph inputs driven by --input or --input-rate. */
    private NetworkFile nir() throws IOException {
        if ((input == null) == (inputRate == null)) {
            throw new IllegalArgumentException("a NIR file needs its input spikes: --input FILE.csv or --input-rate HZ");
        }
        return nirOptions.read(file, dt, seed, input, inputRate, spec.commandLine().getErr());
    }

    /**
     * The network file's "record" section, under the command line's options: a spikes file or raster
     * given here replaces the file's, traces and rates add to it.
     */
    private void mergeRecordSection(NetworkFile.Record r) {
        if (spikesFile == null && r.spikes() != null) {
            spikesFile = r.spikes();
            if (spikesOf == null && !r.spikesOf().isEmpty()) {
                spikesOf = new ArrayList<>(r.spikesOf());
            }
        }
        if (raster == null) {
            raster = r.raster();
        }
        r.traces().forEach((f, list) -> {
            if (record == null) {
                record = new ArrayList<>();
            }
            for (String t : list) {
                record.add(t + "=" + f);
            }
        });
        if (!r.rates().isEmpty()) {
            rates = rates == null ? new ArrayList<>() : new ArrayList<>(rates);
            rates.addAll(r.rates());
        }
        // the section's files are checked like the options' before the run
        Options.output("spikes file", spikesFile, file);
        Options.output("raster", raster, file);
        if (record != null) {
            for (String t : record) {
                Options.output("--record", recordFile(t), file);
            }
        }
    }

    /** The file of a --record argument, POP:VAR[:I-J]=FILE. */
    private static Path recordFile(String arg) {
        int eq = arg.indexOf('=');
        if (eq <= 0 || eq == arg.length() - 1) {
            throw new IllegalArgumentException("--record " + arg + ": expected POP:VAR[:I-J]=FILE.csv");
        }
        return Path.of(arg.substring(eq + 1));
    }

    private static <T> T option(String option, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
