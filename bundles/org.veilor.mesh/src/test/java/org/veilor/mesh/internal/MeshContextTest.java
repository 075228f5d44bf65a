package org.veilor.mesh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.veilor.mesh.MeshContext;

class MeshContextTest {

    private final MeshContext ctx = new MeshContext("HS.s8n.ru.");

    @Test
    void theLoginDomainIsTheParentZoneOfTheLoginServer() {
        assertEquals("hs.s8n.ru", ctx.loginServerHost());
        assertEquals("s8n.ru", ctx.loginDomain().orElseThrow());
        assertEquals("example.org", new MeshContext("example.org").loginDomain().orElseThrow());
    }

    @Test
    void namesInsideTheLoginDomainFallWithIt() {
        assertFalse(ctx.outsideLoginDomain("hs.s8n.ru"));
        assertFalse(ctx.outsideLoginDomain("ygg.s8n.ru"));
        assertFalse(ctx.outsideLoginDomain("S8N.RU."));
        assertTrue(ctx.outsideLoginDomain("ygg.example.net"));
        assertTrue(ctx.outsideLoginDomain("nots8n.ru"), "a suffix match must be at a label boundary");
        assertFalse(ctx.outsideLoginDomain(""));
    }

    @Test
    void ipLiteralsNeedNoDns() {
        assertTrue(ctx.outsideLoginDomain("192.0.2.7"));
        assertTrue(ctx.outsideLoginDomain("[2001:db8::7]"));
        assertTrue(ctx.outsideLoginDomain("fe80::1%eth0"));
        assertFalse(MeshContext.isIpLiteral("999.1.1.1"));
        assertFalse(MeshContext.isIpLiteral("cafe.example"));
    }

    @Test
    void withoutALoginServerEveryNameCounts() {
        assertTrue(MeshContext.empty().outsideLoginDomain("ygg.s8n.ru"));
        assertTrue(MeshContext.empty().loginDomain().isEmpty());
    }
}
