package org.veilor.mesh.yggdrasil.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class YggVersionTest {

    @Test
    void buildVersionLines() {
        YggVersion v = YggVersion.detect("Build name: yggdrasil\nBuild version: 0.5.12\n", null).orElseThrow();
        assertEquals(new YggVersion(0, 5, 12, true), v);
        assertEquals(YggVersion.Dialect.V0_5, v.dialect());
        assertTrue(v.hasWss());
        assertEquals("0.5.12", v.text());
        YggVersion old = YggVersion.detect("Build version: v0.5.5", null).orElseThrow();
        assertFalse(old.hasWss(), "wss came with 0.5.7");
        assertEquals(YggVersion.Dialect.V0_4, YggVersion.detect("Build version: 0.4.7", null).orElseThrow().dialect());
    }

    @Test
    void unknownBuildsAreJudgedByTheirFlags() {
        String v = "Build name: unknown\nBuild version: unknown\n";
        assertEquals(YggVersion.DIALECT_04, YggVersion.detect(v, "  -useconf\n  -useconffile string\n  -version\n").orElseThrow());
        assertEquals(new YggVersion(0, 5, 0, false), YggVersion.detect(v, "  -exportkey\n  -useconf\n").orElseThrow());
        assertEquals(new YggVersion(0, 5, 2, false), YggVersion.detect(v, "  -exportkey\n  -publickey\n").orElseThrow());
        YggVersion nine = YggVersion.detect(v, "  -exportkey\n  -publickey\n  -user string\n").orElseThrow();
        assertEquals(new YggVersion(0, 5, 9, false), nine);
        assertEquals("0.5.9 or later (the build does not say which)", nine.text());
        assertEquals("0.4 (the build does not say which)", YggVersion.DIALECT_04.text());
    }
}
