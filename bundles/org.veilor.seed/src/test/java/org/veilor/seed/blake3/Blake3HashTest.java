package org.veilor.seed.blake3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Display and parsing as iroh-blobs does them (spec section 3.2). */
class Blake3HashTest {

    private static final String HI_THERE = "0b84d358e4c8be6c38626b2182ff575818ba6bd3f4b90464994be14cb354a072";

    @Test
    void hexDisplayShortFormAndParsing() {
        Blake3Hash h = Blake3.standard().hash("hi there".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(HI_THERE, h.toHex());
        assertEquals(HI_THERE, h.toString());
        assertEquals("0b84d358e4", h.toShortHex());
        assertEquals(h, Blake3Hash.parse(HI_THERE));
        assertEquals(h, Blake3Hash.parse(HI_THERE.toUpperCase()));
        assertEquals(h.hashCode(), Blake3Hash.parse(HI_THERE).hashCode());
        assertNotEquals(h, Blake3.standard().hash(new byte[0]));
    }

    @Test
    void base32AsIrohAcceptsIt() {
        Blake3Hash h = Blake3Hash.parse(HI_THERE);
        // RFC 4648 base32 of the 32 bytes, no padding (52 characters), computed independently here.
        String b32 = base32(h.bytes());
        assertEquals(52, b32.length());
        assertEquals(h, Blake3Hash.parse(b32));
        assertEquals(h, Blake3Hash.parse(b32.toLowerCase()));
    }

    @Test
    void badTextIsRefusedSayingWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Blake3Hash.parse("abc"));
        assertTrue(e.getMessage().contains("'abc' has 3 characters"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Blake3Hash.parse(HI_THERE.replace('b', 'x')));
        assertTrue(e.getMessage().contains("non-hex character at 1"), e.getMessage());
        String b32 = base32(Blake3Hash.parse(HI_THERE).bytes());
        e = assertThrows(IllegalArgumentException.class, () -> Blake3Hash.parse(b32.substring(0, 51) + "9"));
        assertTrue(e.getMessage().contains("non-base32"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Blake3Hash.of(new byte[31]));
    }

    private static String base32(byte[] b) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder s = new StringBuilder();
        java.math.BigInteger v = new java.math.BigInteger(1, b).shiftLeft(4); // 256 bits + 4 zero bits = 52 digits
        for (int i = 51; i >= 0; i--) {
            s.append(alphabet.charAt(v.shiftRight(5 * i).intValue() & 31));
        }
        return s.toString();
    }
}
