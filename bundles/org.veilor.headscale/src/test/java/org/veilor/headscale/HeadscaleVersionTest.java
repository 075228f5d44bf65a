package org.veilor.headscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.veilor.headscale.HeadscaleVersion.UserReference;

/** The version table of mesh-radio.md §2.2–2.3, as the client and renderer read it. */
class HeadscaleVersionTest {

    private static HeadscaleVersion v(String s) {
        return HeadscaleVersion.parse(s);
    }

    @Test
    void parsesReleaseStrings() {
        assertEquals(HeadscaleVersion.of(0, 29, 2), v("v0.29.2"));
        assertEquals(HeadscaleVersion.of(0, 30, 0), v("0.30.0-beta.1"));
        assertEquals(HeadscaleVersion.of(0, 28, 0), v("0.28"));
        IllegalArgumentException dev = assertThrows(IllegalArgumentException.class, () -> v("dev"));
        assertEquals("'dev' is not a Headscale version such as 0.29.2", dev.getMessage());
        assertTrue(v("0.29.10").compareTo(v("0.29.9")) > 0);
    }

    @Test
    void preAuthKeyApiPerVersion() {
        assertEquals(UserReference.NAME, v("0.25.1").userReference());
        assertEquals(UserReference.ID, v("0.26.0").userReference());
        assertEquals(UserReference.ID, v("0.27.1").userReference());
        assertEquals(UserReference.OPTIONAL_ID, v("0.28.0").userReference());
        assertEquals(UserReference.OPTIONAL_ID, v("0.30.0").userReference());
        assertTrue(v("0.27.1").keysNeedUser());
        assertFalse(v("0.28.0").keysNeedUser());
        assertFalse(v("0.27.1").listsAllKeys());
        assertTrue(v("0.28.0").secretShownOnce());
    }

    @Test
    void policyFeaturesPerVersion() {
        assertFalse(v("0.28.0").policyAcceptsTests());
        assertTrue(v("0.29.0").policyAcceptsTests());
        assertFalse(v("0.26.0").policyRejectsUnknownKeys());
        assertTrue(v("0.27.0").policyRejectsUnknownKeys());
        assertFalse(v("0.25.1").policyUsersEndWithAt());
        assertTrue(v("0.26.0").policyUsersEndWithAt());
        assertFalse(v("0.29.2").problemJsonErrors());
        assertTrue(v("0.30.0").problemJsonErrors());
    }
}
