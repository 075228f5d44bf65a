package org.veilor.mesh.yggdrasil.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class YggAddressTest {

    @Test
    void theSpecsVectors() {
        for (SpecVectors.Row row : SpecVectors.ROWS) {
            byte[] pub = YggAddress.parsePublicHex(row.publicKey());
            assertEquals(row.address(), YggAddress.addressText(pub), row.publicKey());
            assertEquals(row.subnet(), YggAddress.subnetText(pub), row.publicKey());
        }
    }

    @Test
    void theWorkedExampleOfRowOne() {
        // spec §1.5: inverted key starts 11000100 → 2 leading ones; the 0 after them is dropped.
        byte[] a = YggAddress.address(YggAddress.parsePublicHex(SpecVectors.ROWS.get(0).publicKey()));
        assertEquals(0x02, a[0]);
        assertEquals(2, a[1]);
        assertEquals(0x24, a[2] & 0xff);
        assertEquals(0xae, a[3] & 0xff);
        byte[] s = YggAddress.subnet(YggAddress.parsePublicHex(SpecVectors.ROWS.get(0).publicKey()));
        assertEquals(0x03, s[0]);
        assertEquals(8, s.length);
    }

    @Test
    void rfc5952Text() {
        assertEquals("200::", YggAddress.format(hex("02000000000000000000000000000000")));
        assertEquals("200:0:1::1", YggAddress.format(hex("02000000000100000000000000000001")));
        assertEquals("200::1:0:0:1", YggAddress.format(hex("02000000000000000001000000000001")));
        assertEquals("200:1:0:1:0:1:0:1", YggAddress.format(hex("02000001000000010000000100000001")));
        assertEquals("202:abcd::", YggAddress.format(hex("0202abcd000000000000000000000000")));
    }

    @Test
    void badKeysAreNamed() {
        assertEquals("a yggdrasil public key is 64 hex digits, not 'abc'",
                assertThrows(IllegalArgumentException.class, () -> YggAddress.parsePublicHex("abc")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> YggAddress.address(new byte[31]));
    }

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }
}
