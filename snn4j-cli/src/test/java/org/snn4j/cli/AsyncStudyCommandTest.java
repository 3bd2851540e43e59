package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.cli.TrainCommandTest.Outcome;

class AsyncStudyCommandTest {
    @TempDir
    Path dir;

    @Test
    void trainsEachModeEvaluatesEachExecutionAndResumes() throws IOException {
        Path out = dir.resolve("study");
        String[] args = {"async-study", "--dataset", "delay", "--steps", "12", "--hidden", "8", "--limit", "64",
            "--train-args", "--beta 0.5 --no-bias --batch 16 --lr 1e-2 --surrogate fast-sigmoid:5 --delays 8",
            "--train-modes", "layered,momentum", "--schedules", "synchronous,momentum", "--groups", "1",
            "--eval-limit", "16", "--out", out.toString(), "--plot", out.toString(), "--no-progress"};
        Outcome first = TrainCommandTest.run(args);
        assertEquals(0, first.code(), first.err());
        // 2 trained models x 2 executions x 2 decisions
        assertEquals(8, first.out().lines().filter(l -> l.startsWith("| layered") || l.startsWith("| momentum")).count(),
                first.out());
        assertTrue(first.out().contains("| momentum | momentum F=1 | first-spike |"), first.out());
        String json = Files.readString(out.resolve("study.json"));
        assertEquals(8, json.lines().filter(l -> l.contains("\"train\"")).count(), json);
        assertTrue(Files.size(out.resolve("study-accuracy.png")) > 1000);
        assertTrue(Files.exists(out.resolve("model-layered.snn4j")) && Files.exists(out.resolve("model-momentum.snn4j")));
        assertTrue(Files.readString(out.resolve("train-momentum.jsonl")).contains("\"execution\":\"momentum F=1\""));

        Outcome again = TrainCommandTest.run(args);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("is there, not trained again"), again.err());
        assertEquals(first.out(), again.out(), "a resumed study reprints the same table");
    }

    @Test
    void badStrategiesAndGroupsAreNamed() {
        Outcome schedule = TrainCommandTest.run("async-study", "--dataset", "delay", "--schedules", "lifo", "--out",
                dir.toString());
        assertEquals(2, schedule.code());
        assertTrue(schedule.err().contains("--schedules lifo"), schedule.err());
        Outcome group = TrainCommandTest.run("async-study", "--dataset", "delay", "--groups", "0", "--out", dir.toString());
        assertEquals(2, group.code());
        assertTrue(group.err().contains("--groups 0"), group.err());
        Outcome mode = TrainCommandTest.run("async-study", "--dataset", "delay", "--train-modes", "synchronous", "--out",
                dir.toString());
        assertEquals(2, mode.code());
        assertTrue(mode.err().contains("--train-modes synchronous"), mode.err());
        Outcome train = TrainCommandTest.run("train", "--dataset", "delay", "--execution", "lifo", "--limit", "8");
        assertEquals(2, train.code());
        assertTrue(train.err().contains("--execution lifo"), train.err());
        Outcome f = TrainCommandTest.run("train", "--dataset", "delay", "--execution", "random", "--group", "0",
                "--limit", "8");
        assertEquals(2, f.code());
        assertTrue(f.err().contains("group (F) 0"), f.err());
    }

    @Test
    void aCheckpointOrAMembraneReadoutIsTheWrongModelForTheEngine() throws IOException {
        Path ckpt = dir.resolve("run.ckpt");
        Path membrane = dir.resolve("membrane.snn4j");
        Outcome t = TrainCommandTest.run("train", "--dataset", "delay", "--steps", "12", "--hidden", "4", "--limit", "16",
                "--checkpoint", ckpt.toString(), "--loss", "ce-max-membrane", "--save", membrane.toString(),
                "--no-progress");
        assertEquals(0, t.code(), t.err());
        Outcome wrongKind = TrainCommandTest.run("eval", ckpt.toString(), "--dataset", "delay", "--steps", "12",
                "--engine", "async", "--schedule", "random", "--no-progress");
        assertTrue(wrongKind.code() != 0 && wrongKind.err().contains(ckpt.toString()), wrongKind.err());
        Outcome readout = TrainCommandTest.run("eval", membrane.toString(), "--dataset", "delay", "--steps", "12",
                "--engine", "async", "--schedule", "random", "--no-progress");
        assertEquals(2, readout.code());
        assertTrue(readout.err().contains("non-spiking readout"), readout.err());
    }
}
