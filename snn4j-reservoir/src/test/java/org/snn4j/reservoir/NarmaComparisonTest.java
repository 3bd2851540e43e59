package org.snn4j.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.reservoir.NarmaComparison.Model;
import org.snn4j.reservoir.NarmaComparison.Row;

class NarmaComparisonTest {
    @Test
    void resultsDoNotDependOnTheThreadCount() throws InterruptedException {
        List<Model> models = List.of(Model.ESN, Model.SNN_DELAY);
        List<Row> one = NarmaComparison.run(models, new int[] {16}, 2, 1, (d, t) -> { });
        List<Row> two = NarmaComparison.run(models, new int[] {16}, 2, 2, (d, t) -> { });
        assertEquals(one.size(), two.size());
        for (int r = 0; r < one.size(); r++) {
            assertArrayEquals(one.get(r).nmsePerSeed(), two.get(r).nmsePerSeed(), 0.0);
            assertEquals(one.get(r).setting(), two.get(r).setting());
            assertEquals(one.get(r).synOpsPerStep(), two.get(r).synOpsPerStep());
        }
        Row esn = one.get(0);
        assertEquals(16 * 16 + 16, esn.macsPerStep());
        assertTrue(esn.nmseMean() < 0.9, "a 16-unit ESN already beats the mean predictor: " + esn.nmseMean());
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> NarmaComparison.run(List.of(Model.ESN), new int[] {0}, 1, 1,
                (d, t) -> { }));
        assertThrows(IllegalArgumentException.class, () -> NarmaComparison.run(List.of(Model.ESN), new int[] {10}, 0, 1,
                (d, t) -> { }));
        assertThrows(IllegalArgumentException.class, () -> Model.parse("lstm"));
    }
}
