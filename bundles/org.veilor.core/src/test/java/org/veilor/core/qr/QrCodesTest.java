package org.veilor.core.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Encode and decode round trips, including codes ZXing's detector misses upright (found with random 88-character keys). */
class QrCodesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        // zbarimg reads both; ZXing upright fails: ChecksumException, then NotFoundException
        "hskey-auth-IIptmUb0gN6y-LSKTJCA7NgoJk9f3WhTaqz3eTbwLD2RvAWUcUG3Kmg0RlbMdNGR55CXXD337el3f",
        "hskey-auth-oWnAZE-bPHAw-EaQmiXYmgHc5h1yJekNHb1W_cUYbNYiNL7ofJEOVoEF8iFPlOwQ0Vd4G-OJWFDjJ",
        "0123456789abcdef0123456789abcdef0123456789abcdef" })
    void roundTrips(String text) throws IOException {
        assertEquals(text, QrCodes.decode(QrCodes.encodePng(text, 520)));
        assertEquals(text, QrCodes.decode(QrCodes.encodeImage(text, 245)));
    }

    @Test
    void anImageWithoutCodeSaysSo() {
        BufferedImage blank = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        IOException e = assertThrows(IOException.class, () -> QrCodes.decode(blank));
        assertEquals("no QR code found in the image", e.getMessage());
    }
}
