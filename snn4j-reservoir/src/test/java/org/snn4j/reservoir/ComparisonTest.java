package org.snn4j.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.reservoir.Comparison.Model;
import org.snn4j.reservoir.Comparison.Row;
import org.snn4j.reservoir.Comparison.Task;

class ComparisonTest {
    @Test
    void resultsDoNotDependOnTheThreadCount() throws InterruptedException {
        List<Model> models = List.of(Model.ESN, Model.SNN_DELAY);
        List<Row> one = Comparison.run(Task.NARMA, models, new int[] {16}, 2, 1, (d, t) -> { });
        List<Row> two = Comparison.run(Task.NARMA, models, new int[] {16}, 2, 2, (d, t) -> { });
        assertEquals(one.size(), two.size());
        for (int r = 0; r < one.size(); r++) {
            assertArrayEquals(one.get(r).scorePerSeed(), two.get(r).scorePerSeed(), 0.0);
            assertEquals(one.get(r).setting(), two.get(r).setting());
            assertEquals(one.get(r).synOpsPerStep(), two.get(r).synOpsPerStep());
        }
        Row esn = one.get(0);
        assertEquals(16 * 16 + 16, esn.macsPerStep());
        assertTrue(esn.scoreMean() < 0.9, "a 16-unit ESN already beats the mean predictor: " + esn.scoreMean());
    }

    @Test
    void memoryCapacityIsChosenHighAndBoundedByTheSize() throws InterruptedException {
        List<Row> rows = Comparison.run(Task.MEMORY_CAPACITY, List.of(Model.ESN), new int[] {12}, 1, 2, (d, t) -> { });
        Row esn = rows.get(0);
        assertTrue(esn.scoreMean() > 3 && esn.scoreMean() < 12.5, "MC of a 12-unit ESN: " + esn.scoreMean());
        assertEquals(null, esn.prediction());
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> Comparison.run(Task.NARMA, List.of(Model.ESN), new int[] {0}, 1, 1,
                (d, t) -> { }));
        assertThrows(IllegalArgumentException.class, () -> Comparison.run(Task.NARMA, List.of(Model.ESN), new int[] {10}, 0, 1,
                (d, t) -> { }));
        assertThrows(IllegalArgumentException.class, () -> Model.parse("lstm"));
    }
}
