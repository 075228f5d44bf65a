package org.veilor.mesh.tailscale.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class AuthKeyTest {

    @Test
    void acceptsBothDocumentedShapes() {
        String modern = TestKeys.modern();
        assertEquals(88, modern.length());
        AuthKey k = AuthKey.parse("  " + modern + "\n");
        assertEquals(modern, k.secret());
        assertFalse(k.legacy());
        String legacy = TestKeys.legacy();
        AuthKey l = AuthKey.parse(legacy);
        assertTrue(l.legacy());
        assertEquals(legacy, l.secret());
    }

    @Test
    void neverShowsTheKey() {
        String modern = TestKeys.modern();
        AuthKey k = AuthKey.parse(modern);
        assertEquals(modern.substring(0, 24) + "***", k.toString());
        assertEquals("hskey-auth-" + modern.substring(11, 23) + "-***", k.redacted());
        assertFalse(k.toString().contains(modern.substring(24)));
        String secret = modern.substring(24);
        assertEquals("invalid key: " + k.redacted() + " (also ***)", k.scrub("invalid key: " + modern + " (also " + secret + ")"));
        AuthKey legacy = AuthKey.parse(TestKeys.legacy());
        assertEquals("legacy key ***", legacy.toString());
        assertEquals("x legacy key *** y", legacy.scrub("x " + legacy.secret() + " y"));
    }

    @Test
    void refusesWrongShapesWithoutRepeatingThem() {
        String modern = TestKeys.modern();
        assertRefused(modern.substring(0, 87), "the pre-auth key has 87 characters, not 88");
        assertRefused(modern.substring(0, 23) + "+" + modern.substring(24), "has no '-' at position 24");
        assertRefused(modern.substring(0, 40) + "=" + modern.substring(41), "a character outside A-Z a-z 0-9 _ - at position 41");
        String legacy = TestKeys.legacy();
        assertRefused(legacy.substring(0, 47), "this is not a pre-auth key (47 characters)");
        assertRefused(legacy.substring(0, 20) + " " + legacy.substring(20), "contains white space");
        assertRefused("hskey-api-" + modern.substring(11, 87), "an hskey- key of another kind");
        assertRefused("", "no pre-auth key given");
        assertRefused(null, "no pre-auth key given");
    }

    @Test
    void upperCaseHexIsNamedAsSuch() {
        String legacy = "ab" + TestKeys.legacy().substring(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuthKey.parse(legacy.toUpperCase(Locale.ROOT)));
        assertTrue(e.getMessage().startsWith("the pre-auth key has upper-case hex digits"), e.getMessage());
    }

    private static void assertRefused(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuthKey.parse(text));
        if (expected != null) {
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
        assertTrue(e.getMessage().endsWith(AuthKey.SHAPES), e.getMessage());
        if (text != null && text.length() > 8) {
            assertFalse(e.getMessage().contains(text.strip().substring(text.strip().length() - 8)), "the key is not repeated");
        }
    }
}
