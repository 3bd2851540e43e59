package org.snn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java example is the consumer project's program ({@code docs/examples/consumer}): this
 * test compiles it against the modules, runs it, and checks that the README shows its lines between
 * the markers as they are. (CI also builds it as a separate project, by Maven coordinates.)
 */
class ReadmeExampleTest {
    private static final Path SOURCE = Path.of("../docs/examples/consumer/src/main/java/example/RunLayered.java");

    @Test
    void theConsumersExampleCompilesRunsAndBothEnginesAgree(@TempDir Path out) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int code = javac.run(null, log, log, "-d", out.toString(), "-cp", System.getProperty("java.class.path"),
                SOURCE.toString());
        assertEquals(0, code, log.toString());
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass("example.RunLayered").getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true));
            main.invoke(null, (Object) new String[] {"../docs/examples"});
        } finally {
            System.setOut(stdout);
        }
        List<String> lines = printed.toString().lines().toList();
        assertEquals(3, lines.size(), printed.toString());
        assertEquals(lines.get(0).replace("CLOCK", ""), lines.get(1).replace("EVENT", ""),
                "the same spikes, SynOps and cycles on both engines: " + lines);
        assertTrue(lines.get(2).startsWith("EVENT momentum: "), lines.get(2));
    }

    @Test
    void theReadmeShowsTheExampleAsItIs() throws Exception {
        List<String> source = Files.readAllLines(SOURCE);
        int from = source.indexOf("        // README begin");
        int to = source.indexOf("        // README end");
        assertTrue(from >= 0 && to > from, "markers in " + SOURCE);
        String block = source.subList(from + 1, to).stream().map(l -> l.substring(Math.min(8, l.length())))
                .collect(Collectors.joining("\n"));
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(readme.contains(block), "README.md should contain, as it is:\n" + block);
    }
}
