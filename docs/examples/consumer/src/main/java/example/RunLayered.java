package example;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snn4j.engine.Engine;
import org.snn4j.engine.EngineOptions;
import org.snn4j.engine.Monitor;
import org.snn4j.engine.RunResult;
import org.snn4j.engine.Scheduler;
import org.snn4j.io.NetworkFile;
import org.snn4j.io.NetworkFiles;

/** The README's Java example as a user's program: load a network file, run it on either engine. */
public final class RunLayered {
    public static void main(String[] args) {
        Path examples = Path.of(args.length > 0 ? args[0] : "docs/examples");
        List<RunResult> results = new ArrayList<>();
        // README begin
        NetworkFile file = NetworkFiles.read(examples.resolve("layered.json"));
        for (EngineOptions how : List.of(EngineOptions.CLOCK, EngineOptions.EVENT,
                EngineOptions.event(Scheduler.MOMENTUM, 1))) {
            Engine engine = how.create(file.network(), file.dtSeconds()).record(Monitor.spikes("output"));
            RunResult r = engine.run(0.5);
            System.out.println(how.kind() + " " + how.scheduleName() + ": " + r.cost().spikes() + " spikes, "
                    + r.cost().synOps() + " SynOps, " + engine.cycles() + " cycles");
            results.add(r);
        }
        // README end
        if (results.get(0).cost().spikes() != results.get(1).cost().spikes()) {
            throw new IllegalStateException("the engines disagree under the synchronous schedule");
        }
    }
}
