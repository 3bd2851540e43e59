package org.snn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NIR files written by other frameworks (../shared/nir/) read into flattened graphs; bad files refused by name. */
class NirFilesTest {
    private static final Path SHARED = Path.of("../../shared/nir");

    private static void assumeShared() {
        if (!Files.isDirectory(SHARED)) {
            System.err.println("NirFilesTest: " + SHARED.toAbsolutePath() + " is missing; the shared NIR files are not"
                    + " tested");
        }
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "../shared/nir is missing");
    }

    @Test
    void everySharedFileReadsWithEdgesBetweenItsNodes() throws Exception {
        assumeShared();
        List<Path> files;
        try (Stream<Path> list = Files.list(SHARED)) {
            files = list.filter(p -> p.toString().endsWith(".nir")).sorted().toList();
        }
        assertEquals(7, files.size(), files.toString());
        for (Path file : files) {
            readsWithItsWeights(file);
        }
    }

    private static void readsWithItsWeights(Path file) throws Exception {
        NirGraph g = NirFiles.read(file);
        assertTrue(g.nodes().size() >= 4, g.nodes().keySet().toString());
        assertTrue(g.nodes().values().stream().anyMatch(n -> n.type().equals("Input")));
        assertTrue(g.nodes().values().stream().anyMatch(n -> n.type().equals("Output")));
        for (NirGraph.Edge e : g.edges()) {
            assertTrue(g.nodes().containsKey(e.source()) && g.nodes().containsKey(e.target()), e.toString());
        }
        // every Affine weight read independently, field by field
        try (HdfFile h5 = new HdfFile(file)) {
            for (NirGraph.Node n : g.nodes().values()) {
                if (n.type().equals("Affine")) {
                    // a root node's name may hold a dot itself (Norse's "lif1.w_rec"); else it is a nested path
                    String path = "node/nodes/" + n.name();
                    if (!exists(h5, path)) {
                        path = "node/nodes/" + n.name().replace(".", "/nodes/");
                    }
                    Dataset w = h5.getDatasetByPath(path + "/weight");
                    float[][] expected = (float[][]) w.getData();
                    NirGraph.Field f = n.field("weight");
                    assertArrayEquals(w.getDimensions(), f.shape());
                    for (int r = 0; r < expected.length; r++) {
                        for (int c = 0; c < expected[r].length; c++) {
                            assertEquals(expected[r][c], f.values()[r * expected[r].length + c], 0.0, n.name());
                        }
                    }
                }
            }
        }
    }

    static boolean exists(HdfFile h5, String path) {
        try {
            h5.getByPath(path);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test
    void theNorseLifFileHoldsTheNirPapersSingleNeuron() {
        assumeShared();
        NirGraph g = NirFiles.read(SHARED.resolve("lif_norse.nir"));
        assertEquals("0.1.1", g.version());
        assertEquals(List.of("0", "1", "input", "output"), List.copyOf(g.nodes().keySet()));
        assertEquals("Affine", g.nodes().get("0").type());
        assertArrayEquals(new double[] {1}, g.nodes().get("0").field("weight").values());
        assertArrayEquals(new int[] {1, 1}, g.nodes().get("0").field("weight").shape());
        assertEquals("LIF", g.nodes().get("1").type());
        assertEquals(3, g.edges().size());
        assertTrue(g.edges().contains(new NirGraph.Edge("input", "0")) && g.edges().contains(new NirGraph.Edge("0", "1"))
                && g.edges().contains(new NirGraph.Edge("1", "output")), g.edges().toString());
    }

    @Test
    void aNestedGraphIsFlattenedWithItsPathAndItsInputAndOutput() {
        assumeShared();
        NirGraph g = NirFiles.read(SHARED.resolve("rockpool_braille.nir"));
        assertTrue(g.nodes().keySet().containsAll(List.of("hidden.lif", "hidden.lin", "hidden.input", "hidden.output")),
                g.nodes().keySet().toString());
        assertEquals("CubaLIF", g.nodes().get("hidden.lif").type());
        assertEquals(38, g.nodes().get("hidden.lif").field("tau_mem").size());
        assertTrue(g.edges().contains(new NirGraph.Edge("fc1", "hidden.input")), g.edges().toString());
        assertTrue(g.edges().stream().anyMatch(e -> e.source().equals("hidden.output")), g.edges().toString());
        assertTrue(g.edges().stream().anyMatch(e -> e.source().startsWith("hidden.") && e.target().startsWith("hidden.")));
    }

    @Test
    void badFilesAreNamed(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("net.nir");
        Files.writeString(text, "not hdf5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NirFiles.read(text));
        assertTrue(e.getMessage().startsWith("NIR file " + text + ": "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NirFiles.read(dir.resolve("missing.nir")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        // a valid HDF5 file without a graph
        Path h5 = dir.resolve("empty.nir");
        try (io.jhdf.WritableHdfFile w = HdfFile.write(h5)) {
            w.putDataset("version", new int[] {1});
        }
        e = assertThrows(IllegalArgumentException.class, () -> NirFiles.read(h5));
        assertTrue(e.getMessage().contains("no group 'node'"), e.getMessage());
    }
}
