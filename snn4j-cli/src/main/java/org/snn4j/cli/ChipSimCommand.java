package org.snn4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.snn4j.data.SpikeRaster;
import org.snn4j.engine.Engines;
import org.snn4j.engine.Monitor;
import org.snn4j.engine.RunResult;
import org.snn4j.hardware.ChipSim;
import org.snn4j.model.Network;
import org.snn4j.reference.Cuba;
import org.snn4j.reference.SparseActivity;
import org.snn4j.reservoir.CoincidenceReservoir;
import org.snn4j.reservoir.Comparison;
import org.snn4j.reservoir.Narma10;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code snn4j chip-sim WORKLOAD --cores K}: a run's completion time on a multi-core chip, with and without a barrier. */
@Command(name = "chip-sim", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Runs a workload on the clock engine, assigns its neurons to K cores of a chip (one population a "
                + "core, Loihi's budget of 1,024 neurons and 43,690 input synapses a core unless given), takes each "
                + "core's time per step from the run's own counts (neuron updates, arriving SynOps, spikes sent) times "
                + "the profile's latencies, and prints one JSON object: the completion time with a global barrier after "
                + "every step and with per-core dependency scheduling (a core starts step t when the cores feeding it "
                + "have finished t - d), the speedup, each schedule's mean core idle time, where the barrier time goes, "
                + "the dataflow critical path, and every core's range and load.",
                "WORKLOAD: a network file (JSON/YAML), a NIR file (with --input-rate), a model file from train --save "
                + "(--samples inputs of --steps steps, Poisson spikes), or a built-in: cuba (--neurons), sparse "
                + "(--neurons, 0.05%% of the neurons spiking a step), narma (the NARMA-10 delay reservoir of --neurons "
                + "neurons on 200 input values)."})
final class ChipSimCommand implements Callable<Integer> {
    /** Input values of the narma workload (its first 200 of a seeded NARMA-10 series). */
    private static final int NARMA_INPUTS = 200;
    /** A model's default input spike probability a step: the mean pixel of Fashion-MNIST, as rate coding gives. */
    private static final double FASHION_MNIST_MEAN_PIXEL = 0.286;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WORKLOAD", description = "FILE, cuba, sparse or narma")
    String workload;

    @Option(names = "--cores", required = true, paramLabel = "K", description = "cores of the chip")
    Integer cores;

    @Option(names = "--sync", defaultValue = "both", description = "barrier, dataflow or both: which completion time "
            + "is completion_s (both are always reported)")
    String sync;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "simulated time (default: 1 s; narma: its "
            + "whole input; models: --samples samples of --steps steps)")
    Double duration;

    @Option(names = "--profile", defaultValue = "loihi", description = "latencies: loihi (SANA-FE's Loihi figures from "
            + "Davies et al. 2018) or custom:UPDATE_S,SPIKING_S,SYNOP_S,MESSAGE_S,HOP_S,BARRIER_S")
    String profileName;

    @Option(names = "--core-neurons", paramLabel = "N", description = "neurons a core holds (default: Loihi's 1024)")
    Integer coreNeurons;

    @Option(names = "--core-synapses", paramLabel = "S", description = "input synapses a core holds (default: "
            + "Loihi's 43690)")
    Long coreSynapses;

    @Option(names = "--neurons", defaultValue = "4000", description = "built-in workloads: their size")
    int neurons;

    @Option(names = "--input-rate", paramLabel = "HZ", description = "NIR files and models: Poisson inputs at this "
            + "rate (models: default a spike probability of 0.286 a step, Fashion-MNIST's mean pixel under rate coding)")
    Double inputRate;

    @Option(names = "--samples", defaultValue = "20", description = "models: input samples run one after the other")
    int samples;

    @Option(names = "--steps", defaultValue = "25", description = "models: steps a sample")
    int steps;

    @Option(names = "--dt", paramLabel = "SECONDS", description = "network and NIR files: the time step")
    Double dt;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the built-in networks and the inputs")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the JSON object to FILE (atomically)")
    Path json;

    @Mixin
    NirOptions nirOptions;

    @Override
    public Integer call() throws Exception {
        Options.atLeast("--cores", cores, 1);
        if (!List.of("barrier", "dataflow", "both").contains(sync)) {
            throw new IllegalArgumentException("--sync '" + sync + "': expected barrier, dataflow or both");
        }
        ChipSim.Profile profile = ChipSim.Profile.parse(profileName);
        ChipSim.Budget budget = new ChipSim.Budget(coreNeurons != null ? coreNeurons : ChipSim.Budget.LOIHI.neuronsPerCore(),
                coreSynapses != null ? coreSynapses : ChipSim.Budget.LOIHI.synapsesPerCore());
        if (duration != null) {
            Options.positive("--duration", duration);
        }
        Options.atLeast("--neurons", neurons, 1);
        Network net;
        double step;
        long runSteps = -1;
        switch (workload) {
            case "cuba" -> {
                nirOptions.onlyForNir(Path.of(workload));
                net = Cuba.network(neurons, seed);
                step = Cuba.DT_SECONDS;
            }
            case "sparse" -> {
                nirOptions.onlyForNir(Path.of(workload));
                net = SparseActivity.network(neurons, 0.0005, seed);
                step = SparseActivity.DT_SECONDS;
            }
            case "narma" -> {
                nirOptions.onlyForNir(Path.of(workload));
                CoincidenceReservoir reservoir = Comparison.narmaDelayReservoir(neurons, seed);
                net = reservoir.network(Narma10.generate(NARMA_INPUTS, seed).input());
                step = CoincidenceReservoir.DT_SECONDS;
                runSteps = (long) NARMA_INPUTS * reservoir.stepsPerInput();
            }
            default -> {
                Path file = Path.of(workload);
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("WORKLOAD '" + workload + "': no such file, and not cuba, sparse"
                            + " or narma");
                }
                if (inputRate != null) {
                    Options.nonNegative("--input-rate", inputRate);
                }
                Options.atLeast("--samples", samples, 1);
                Options.atLeast("--steps", steps, 1);
                Workload w = Workload.read(file, dt, seed, inputRate, nirOptions, spec.commandLine().getErr(),
                        model -> poisson(model.spec().inputs(), samples * steps, inputRate != null
                                ? inputRate * model.spec().dtSeconds() : FASHION_MNIST_MEAN_PIXEL, seed));
                net = w.network();
                step = w.dtSeconds();
                if (w.model() != null) {
                    runSteps = (long) samples * steps;
                }
            }
        }
        if (runSteps < 0 || duration != null) {
            runSteps = Math.max(1, Math.round((duration != null ? duration : 1.0) / step));
        }
        ChipSim.requireFits(cores, runSteps);
        RunResult run = Engines.clock(net, step).record(Monitor.allSpikes()).runSteps(runSteps);
        ChipSim.Result r = ChipSim.simulate(net, runSteps, run.spikeTrains(), cores, budget, profile);
        List<Object> perCore = new ArrayList<>();
        for (ChipSim.Core c : r.cores()) {
            perCore.add(new Json().put("core", c.index()).put("population", c.population()).put("from", c.from())
                    .put("to", c.to() - 1).put("synapses", c.synapses()).put("busy_s", c.busySeconds())
                    .put("idle_barrier", c.idleBarrier()).put("idle_dataflow", c.idleDataflow()));
        }
        double completion = sync.equals("barrier") ? r.barrierSeconds() : r.dataflowSeconds();
        Json out = new Json().put("workload", workload).put("neurons", net.neuronCount())
                .put("synapses", net.synapseCount()).put("steps", runSteps).put("dt_s", step)
                .put("spikes", run.cost().spikes()).put("syn_ops", run.cost().synOps()).put("cores", r.cores().size())
                .put("profile", profile.name()).put("profile_source", profile.source()).put("sync", sync)
                .put("completion_s", completion).put("barrier_s", r.barrierSeconds())
                .put("dataflow_s", r.dataflowSeconds()).put("speedup", r.speedup())
                .put("idle_barrier", r.idleBarrier()).put("idle_dataflow", r.idleDataflow())
                .put("barrier_slowest_core_s", r.slowestSeconds()).put("barrier_zero_delay_chains_s", r.chainSeconds())
                .put("barrier_sync_s", r.barrierSyncSeconds()).put("mean_core_work_s", r.meanWorkSeconds())
                .put("critical_path_work_s", r.criticalWorkSeconds()).put("critical_path_hops", r.criticalHops())
                .put("critical_path_cores", r.criticalCores()).put("explanation", r.explanation())
                .put("per_core", perCore);
        String text = out.toString();
        spec.commandLine().getOut().println(text);
        if (json != null) {
            Options.output("--json", json);
            AtomicFiles.writeText(json, text);
        }
        return 0;
    }

    /** Bernoulli(p) spikes of every input at every step (seeded): a stream of rate-coded samples. */
    private static SpikeRaster poisson(int inputs, int steps, double p, long seed) {
        if (p > 1) {
            throw new IllegalArgumentException("--input-rate: " + p + " spikes an input a step; at most 1 fits");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        SpikeRaster raster = new SpikeRaster(inputs, steps);
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < inputs; i++) {
                if (rng.nextDouble() < p) {
                    raster.add(i);
                }
            }
            raster.endStep(t);
        }
        return raster;
    }
}
