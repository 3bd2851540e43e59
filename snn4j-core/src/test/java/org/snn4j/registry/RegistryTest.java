package org.snn4j.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.engine.EnergyProfile;
import org.snn4j.engine.Scheduler;

class RegistryTest {
    @Test
    void namesAreListedInOrderWithoutAliasesAndUnknownOnesAreRefusedWithTheList() {
        Registry<Integer> r = Registry.<Integer>of("size").add("small", 1).add("large", 3).alias("big", "large").build();
        assertEquals(List.of("small", "large"), r.names());
        assertEquals(3, r.get("big"));
        assertEquals("large", r.nameOf(3));
        assertEquals("small or large", r.listing());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.get("huge"));
        assertEquals("size 'huge': expected small or large", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Registry.<Integer>of("x").add("a", 1).add("a", 2));
    }

    @Test
    void theSchedulesAndEnergyProfilesAreNamedOnce() {
        assertEquals(List.of("synchronous", "fifo", "random", "momentum"), Scheduler.BY_NAME.names());
        assertTrue(Scheduler.BY_NAME.contains("synchronous"));
        assertNull(Scheduler.BY_NAME.get("synchronous"), "synchronous: no scheduler");
        assertEquals(Scheduler.MOMENTUM, Scheduler.BY_NAME.get("momentum"));
        assertEquals(EnergyProfile.LOIHI, EnergyProfile.parse("loihi"));
        EnergyProfile custom = EnergyProfile.parse("custom:1e-12,2e-12,0");
        assertEquals(2e-12, custom.joulesPerNeuronUpdate());
        for (String bad : new String[] {"custom:1,2", "custom:1,x,3", "custom:1,2,-3", "custom:1,2,3,", "tpu"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnergyProfile.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertFalse(EnergyProfile.BY_NAME.contains("custom"));
    }
}
