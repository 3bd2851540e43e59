package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.engine.EnergyProfile;
import org.snn4j.engine.Scheduler;
import org.snn4j.train.Datasets;
import org.snn4j.train.Loss;
import org.snn4j.train.Surrogate;

/** The help texts list every named choice from its registry, and an unknown name is refused with that list. */
class HelpTest {
    private static String help(String command) {
        TrainCommandTest.Outcome o = TrainCommandTest.run(command, "--help");
        assertEquals(0, o.code(), o.err());
        return o.out().replaceAll("\\s+", " ");
    }

    @Test
    void everyCommandListsTheNamesOfItsRegistries() {
        String schedules = String.join(", ", Scheduler.BY_NAME.names());
        for (String command : new String[] {"run", "cuba", "eval"}) {
            String text = help(command);
            assertTrue(text.contains(schedules), command + ": " + text);
            assertTrue(text.contains("clock, event"), command + ": " + text);
            assertTrue(text.contains(EnergyProfile.SYNTAX.replaceAll("\\s+", " ").substring(0, 20)), command + ": " + text);
        }
        String train = help("train");
        assertTrue(train.contains(String.join(", ", Loss.BY_NAME.names())), train);
        assertTrue(train.contains(String.join(", ", Surrogate.BY_NAME.names())), train);
        assertTrue(train.contains(String.join(", ", Datasets.BY_NAME.names())), train);
    }

    @Test
    void anUnknownNameIsRefusedWithTheNamesThereAre() {
        TrainCommandTest.Outcome o = TrainCommandTest.run("cuba", "--engine", "event", "--schedule", "lifo");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--schedule lifo: expected synchronous, fifo, random or momentum"), o.err());
        o = TrainCommandTest.run("train", "--dataset", "delay", "--loss", "hinge");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--loss hinge: expected ce-count, ce-max-membrane, ce-mean-membrane or mse-count"),
                o.err());
        o = TrainCommandTest.run("cuba", "--engine", "event", "--threads", "2");
        assertTrue(o.err().contains("--threads 2: the event engine runs on one thread"), o.err());
    }

    @Test
    void everyOptionOfEverySubcommandIsDescribed() {
        picocli.CommandLine root = new picocli.CommandLine(new Main());
        java.util.List<String> missing = new java.util.ArrayList<>();
        for (picocli.CommandLine sub : root.getSubcommands().values()) {
            for (picocli.CommandLine.Model.OptionSpec o : sub.getCommandSpec().options()) {
                String text = String.join(" ", o.description()).trim();
                if (text.isEmpty()) {
                    missing.add(sub.getCommandName() + " " + o.longestName());
                }
            }
            // the command list shows the first line of the description: it must be a whole sentence
            String[] lines = sub.getCommandSpec().usageMessage().description();
            String summary = lines.length == 0 ? "" : lines[0].replace("%n", " ").trim();
            assertTrue(summary.endsWith(".") || sub.getCommandName().equals("help"), sub.getCommandName()
                    + ": summary cut short: " + summary);
        }
        assertTrue(missing.isEmpty(), "options without a description: " + missing);
    }
}
