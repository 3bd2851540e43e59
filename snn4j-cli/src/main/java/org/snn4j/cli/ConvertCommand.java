package org.snn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.snn4j.io.NetworkFile;
import org.snn4j.io.NetworkFiles;
import org.snn4j.io.NirExport;
import org.snn4j.io.NirFiles;
import org.snn4j.model.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code snn4j convert IN OUT}: NIR to a network file and back. */
@Command(name = "convert", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Converts a NIR graph (.nir) into a network file (.json) that builds the same network "
                + "(every synapse explicit), or a network file (JSON or YAML) into a NIR graph, or rewrites either. "
                + "What NIR cannot hold is kept as snn4j metadata or dropped, one warning line each on stderr; "
                + "prints one JSON object with the sizes."})
final class ConvertCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "a NIR file (.nir) or a network file (.json, .yaml)")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "the file to write: .nir, or .json (written atomically)")
    Path out;

    @Option(names = "--dt", paramLabel = "SECONDS", description = "the time step (default: the file's dt_s; a NIR file "
            + "has one only if snn4j wrote it, else 1e-4 s)")
    Double dt;

    @Option(names = "--seed", paramLabel = "SEED", description = "build the network from this seed instead of the file's")
    Long seed;

    @Option(names = "--input", paramLabel = "FILE", description = "NIR in: spike trains for the graph's inputs "
            + "(as for run); without it they are written empty")
    Path input;

    @Option(names = "--input-rate", paramLabel = "HZ", description = "NIR in: Poisson inputs of this rate instead")
    Double inputRate;

    @Mixin
    NirOptions nirOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        boolean fromNir = isNir(in);
        boolean toNir = isNir(out);
        if (!toNir && !out.toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            throw new IllegalArgumentException("OUT " + out + ": expected a .nir or a .json file");
        }
        Options.output("OUT", out, in);
        if (input != null && inputRate != null) {
            throw new IllegalArgumentException("--input and --input-rate: give one");
        }
        if (!fromNir && (input != null || inputRate != null)) {
            throw new IllegalArgumentException("--input / --input-rate: for NIR files (a network file has its sources)");
        }
        if (!fromNir) {
            nirOptions.onlyForNir(in);
        }
        if (dt != null) {
            Options.positive("--dt", dt);
        }
        NetworkFile net = fromNir ? nirOptions.read(in, dt, seed, input, inputRate, err) : NetworkFiles.read(in, seed, dt);
        if (fromNir && input == null && inputRate == null && !net.network().sources().isEmpty()) {
            err.println("note: the graph's inputs " + net.network().sources().stream().map(s -> s.name() + " ("
                    + s.size() + ")").toList() + " have no spikes; give them with --input, or edit \"sources\"");
        }
        int[] lost = {0};
        if (toNir) {
            NirFiles.write(NirExport.toGraph(net.network(), net.dtSeconds(), net.output(), line -> {
                err.println("warning: " + line);
                lost[0]++;
            }), out, in);
        } else {
            NetworkFiles.write(out, net.network(), net.dtSeconds(), net.output(), in);
        }
        Network n = net.network();
        spec.commandLine().getOut().println(new Json().put("in", in.toString()).put("out", out.toString())
                .put("populations", n.populations().size()).put("neurons", n.neuronCount())
                .put("synapses", n.synapseCount()).put("dt_s", net.dtSeconds()).put("warnings", lost[0]));
        return 0;
    }

    static boolean isNir(Path p) {
        return p.toString().toLowerCase(Locale.ROOT).endsWith(".nir");
    }
}
