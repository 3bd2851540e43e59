package org.snn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.snn4j.data.SpikeRaster;
import org.snn4j.io.NirExport;
import org.snn4j.io.NirFiles;
import org.snn4j.model.Network;
import org.snn4j.train.Export;
import org.snn4j.train.Model;
import org.snn4j.train.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code snn4j export MODEL OUT.nir}: a trained model as a NIR graph. */
@Command(name = "export", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Writes a model trained by snn4j train --save as a NIR graph: its graph input 'input', one "
                + "neuron node per layer, a Linear (+ Delay) branch per learned delay, pruned synapses left out, "
                + "quantized weights as they are; what NIR cannot hold is kept as snn4j metadata, one warning line "
                + "each on stderr. snn4j run, convert and eval read it back to the same spikes."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "a model file written by snn4j train --save")
    Path modelFile;

    @Parameters(index = "1", paramLabel = "OUT.nir", description = "the NIR file to write (atomically)")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!ConvertCommand.isNir(out)) {
            throw new IllegalArgumentException("OUT " + out + ": expected a .nir file");
        }
        Options.output("OUT", out, modelFile);
        PrintWriter err = spec.commandLine().getErr();
        Model model = ModelFile.load(modelFile);
        Network net = Export.toNetwork(model, new SpikeRaster(model.spec().inputs(), 1));
        int[] lost = {0};
        NirFiles.write(NirExport.toGraph(net, model.spec().dtSeconds(), model.spec().output().name(), line -> {
            err.println("warning: " + line);
            lost[0]++;
        }), out, modelFile);
        spec.commandLine().getOut().println(new Json().put("model", modelFile.toString()).put("out", out.toString())
                .put("layers", net.populations().size()).put("neurons", net.neuronCount())
                .put("synapses", net.synapseCount()).put("dt_s", model.spec().dtSeconds()).put("warnings", lost[0]));
        return 0;
    }
}
