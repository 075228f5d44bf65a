package org.veilor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReleaseGatesTest {

    @Test
    void stagesParseInTheConfigurationForm() {
        assertEquals(ReleaseStage.V0_7, ReleaseStage.parse("v0.7"));
        assertEquals(ReleaseStage.V1_0, ReleaseStage.parse(" V1.0 "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReleaseStage.parse("v0.6"));
        assertEquals("not a release stage: 'v0.6' (allowed: v0.5, v0.7, v0.8, v1.0)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReleaseStage.parse(null));
    }

    @Test
    void seedingAndFailoverOpenAtV08() {
        for (Gate g : new Gate[] { Gate.SEEDING, Gate.MESH_FAILOVER, Gate.FLOORS_II_III_PROMISED }) {
            assertFalse(ReleaseGates.evaluate(g, ReleaseStage.V0_5, false).allowed());
            GateDecision v07 = ReleaseGates.evaluate(g, ReleaseStage.V0_7, false);
            assertFalse(v07.allowed());
            assertTrue(v07.reason().endsWith("(this instance runs at v0.7)"), v07.reason());
            assertTrue(ReleaseGates.evaluate(g, ReleaseStage.V0_8, false).allowed());
            assertTrue(ReleaseGates.evaluate(g, ReleaseStage.V1_0, false).allowed());
        }
    }

    @Test
    void bootcKickstartOnlyFromV10() {
        assertFalse(ReleaseGates.evaluate(Gate.BOOTC_KICKSTART, ReleaseStage.V0_8, true).allowed());
        assertTrue(ReleaseGates.evaluate(Gate.BOOTC_KICKSTART, ReleaseStage.V1_0, false).allowed());
    }

    @Test
    void theUpdateWrapperOnlyFromV10() {
        GateDecision v08 = ReleaseGates.evaluate(Gate.UPDATE_WRAPPER, ReleaseStage.V0_8, true);
        assertFalse(v08.allowed());
        assertTrue(v08.reason().contains("ujust update keeps secureblue's own update path"), v08.reason());
        assertTrue(ReleaseGates.evaluate(Gate.UPDATE_WRAPPER, ReleaseStage.V1_0, false).allowed());
    }

    @Test
    void publicIsoOnlyOnceTheGuestAclBlockerIsFixed() {
        GateDecision open = ReleaseGates.evaluate(Gate.PUBLIC_ISO, ReleaseStage.V1_0, false);
        assertFalse(open.allowed());
        assertEquals("no public ISO while the external guest-ACL blocker is open", open.reason());
        IllegalStateException e = assertThrows(IllegalStateException.class, open::require);
        assertEquals(open.reason(), e.getMessage());
        assertTrue(ReleaseGates.evaluate(Gate.PUBLIC_ISO, ReleaseStage.V0_7, true).allowed());
    }
}
