package org.veilor.core.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Encode and decode round trips, including codes ZXing's detector misses upright (found with random 88-character keys). */
class QrCodesTest {

    private static final String KEY = "hskey-auth-AbCdEfGhIjKl-" + "0123456789abcdef".repeat(4);

    @Test
    void pngRoundTripsExactly() throws IOException {
        byte[] png = QrCodes.encodePng(KEY, 300);
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertEquals(KEY, QrCodes.decode(png));
    }

    @Test
    void aJpegPhotoOfTheCodeDecodes() throws IOException {
        BufferedImage qr = QrCodes.encodeImage(KEY, 240);
        // Paste it, slightly smaller, on a grey background and save as a lossy JPEG, as a camera frame would be.
        BufferedImage frame = new BufferedImage(400, 320, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(new Color(0x80, 0x88, 0x90));
        g.fillRect(0, 0, 400, 320);
        g.drawImage(qr, 70, 30, 230, 230, null);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(frame, "jpg", jpeg));
        assertEquals(KEY, QrCodes.decode(jpeg.toByteArray()));
    }

    @Test
    void notAnImageOrNoCodeIsAClearError() throws IOException {
        IOException e = assertThrows(IOException.class, () -> QrCodes.decode("plain text".getBytes()));
        assertEquals("not a PNG or JPEG image", e.getMessage());
        BufferedImage blank = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(blank, "png", png);
        IOException none = assertThrows(IOException.class, () -> QrCodes.decode(png.toByteArray()));
        assertEquals("no QR code found in the image", none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QrCodes.encodePng("", 100));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // zbarimg reads both; ZXing upright fails: ChecksumException, then NotFoundException
        "hskey-auth-IIptmUb0gN6y-LSKTJCA7NgoJk9f3WhTaqz3eTbwLD2RvAWUcUG3Kmg0RlbMdNGR55CXXD337el3f",
        "hskey-auth-oWnAZE-bPHAw-EaQmiXYmgHc5h1yJekNHb1W_cUYbNYiNL7ofJEOVoEF8iFPlOwQ0Vd4G-OJWFDjJ",
        "0123456789abcdef0123456789abcdef0123456789abcdef" })
    void codesZxingMissesUprightStillRoundTrip(String text) throws IOException {
        assertEquals(text, QrCodes.decode(QrCodes.encodePng(text, 520)));
        assertEquals(text, QrCodes.decode(QrCodes.encodeImage(text, 245)));
    }
}
