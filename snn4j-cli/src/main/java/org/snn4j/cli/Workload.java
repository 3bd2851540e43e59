package org.snn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
import org.snn4j.data.SpikeRaster;
import org.snn4j.io.NetworkFile;
import org.snn4j.io.NetworkFiles;
import org.snn4j.model.Network;
import org.snn4j.train.Export;
import org.snn4j.train.Model;
import org.snn4j.train.ModelFile;

/** A network from a file of any kind the commands take: a network file, a NIR file, or a trained model. */
record Workload(Network network, double dtSeconds, Model model) {
    /**
     * Reads it: NIR through the NIR options (Poisson inputs at {@code inputRate} Hz, or none), network
     * files with their own seed and dt unless given, a model as the network of the input raster that
     * {@code input} makes for it.
     */
    static Workload read(Path file, Double dt, Long seed, Double inputRate, NirOptions nir, PrintWriter err,
            Function<Model, SpikeRaster> input) throws IOException {
        String name = file.toString().toLowerCase(Locale.ROOT);
        if (ConvertCommand.isNir(file)) {
            NetworkFile f = nir.read(file, dt, seed, null, inputRate, err);
            return new Workload(f.network(), f.dtSeconds(), null);
        }
        nir.onlyForNir(file);
        if (name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml")) {
            NetworkFile f = NetworkFiles.read(file, null, dt);
            return new Workload(f.network(), f.dtSeconds(), null);
        }
        Model model = ModelFile.load(file);
        return new Workload(Export.toNetwork(model, input.apply(model)), model.spec().dtSeconds(), model);
    }
}
