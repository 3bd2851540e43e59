package org.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnergyProfileTest {
    private static final Cost COST = new Cost(100, 10, 50, 7, Map.of("x", 7L), 3, 1000, 2000, 0, 0);

    @Test
    void energyIsTheWeightedSumOfTheCounts() {
        assertEquals(1000 * 35.5e-12 + 2000 * 72.8e-12 + 10 * 76.8e-12, EnergyProfile.LOIHI.joules(COST), 1e-20);
        assertEquals(1000 * 0.9e-12 + 2000 * 13.8e-12, EnergyProfile.CPU_45NM.joules(COST), 1e-20);
        assertEquals(1000 * 1e-12 + 2000 * 2e-12 + 10 * 3e-12, EnergyProfile.custom(1e-12, 2e-12, 3e-12).joules(COST),
                1e-20);
        assertEquals(EnergyProfile.LOIHI, EnergyProfile.named("loihi"));
    }

    @Test
    void badInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnergyProfile.named("tpu"));
        assertTrue(e.getMessage().contains("'tpu'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EnergyProfile.custom(-1, 0, 0));
        assertTrue(e.getMessage().contains("joulesPerSynOp -1.0"), e.getMessage());
    }
}
