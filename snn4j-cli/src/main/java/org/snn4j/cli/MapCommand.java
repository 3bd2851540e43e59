package org.snn4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.snn4j.data.SpikeRaster;
import org.snn4j.engine.EngineOptions;
import org.snn4j.hardware.ChipMap;
import org.snn4j.hardware.FixedPoint;
import org.snn4j.model.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code snn4j map FILE --hardware CHIP}: a network or trained model assigned to a chip's cores. */
@Command(name = "map", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Assigns a network (JSON/YAML or NIR) or a trained model to a chip's cores under its published "
                + "limits (Loihi: 1,024 neurons, 4,096 input and output axons, 128 KiB of synapses a core, delays up to "
                + "62 steps; Xylo: 16 inputs, 1,000 hidden and 8 readout neurons) and prints one JSON object: cores used, "
                + "chips, each core's neurons, synapses and axons, the violations by name, the train options that would "
                + "fix them, and the fixed-point conversion's report. Exit code 0 whether or not it fits."})
final class MapCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "a network file, a NIR file, or a model file from train "
            + "--save")
    Path file;

    @Option(names = "--hardware", required = true, paramLabel = "CHIP", completionCandidates = EngineChoice.Hardware.class,
            description = "${COMPLETION-CANDIDATES}")
    String hardware;

    @Option(names = "--dt", paramLabel = "SECONDS", description = "NIR files: the time step (as for run)")
    Double dt;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the JSON object to FILE (atomically)")
    Path json;

    @Mixin
    NirOptions nirOptions;

    @Override
    public Integer call() throws Exception {
        FixedPoint.Chip chip = Options.choice("--hardware", EngineOptions.HARDWARE, hardware);
        Options.output("--json", json, file);
        Workload w = Workload.read(file, dt, null, null, nirOptions, spec.commandLine().getErr(),
                model -> new SpikeRaster(model.spec().inputs(), 1));
        Network net = w.network();
        double step = w.dtSeconds();
        ChipMap map = ChipMap.of(net, chip);
        List<Object> cores = new ArrayList<>();
        for (ChipMap.Core c : map.cores) {
            cores.add(new Json().put("core", c.index()).put("neurons", c.neurons()).put("ranges", c.ranges())
                    .put("synapses", c.synapses()).put("synapse_bits", c.synapseBits()).put("input_axons", c.inputAxons())
                    .put("output_axons", c.outputAxons()));
        }
        List<String> conversion;
        try {
            conversion = FixedPoint.convert(net, step, chip).report;
        } catch (IllegalArgumentException e) {
            conversion = List.of("not convertible: " + e.getMessage());
        }
        Json out = new Json().put("file", file.toString()).put("hardware", hardware).put("fits", map.violations.isEmpty())
                .put("cores", map.cores.size()).put("chips", map.chips).put("violations", map.violations)
                .put("fixes", map.fixes).put("per_core", cores).put("conversion", conversion);
        String text = out.toString();
        spec.commandLine().getOut().println(text);
        if (json != null) {
            AtomicFiles.writeText(json, text, file);
        }
        return 0;
    }
}
