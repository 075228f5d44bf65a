package org.veilor.mesh.tailscale.internal;

import java.io.IOException;
import org.veilor.core.qr.QrCodes;

/** Reads a pre-auth key from a picture of the QR code on the enrolment page (which encodes exactly the key). */
final class QrKey {

    private QrKey() {
    }

    /**
     * @param image PNG or JPEG bytes
     * @param where the image's name, for messages
     * @throws IOException when no QR code can be read, naming the image
     * @throws IllegalArgumentException when the QR code holds something other than a key (the text is not repeated)
     */
    static AuthKey read(byte[] image, String where) throws IOException {
        String text;
        try {
            text = QrCodes.decode(image);
        } catch (IOException e) {
            throw new IOException(where + ": " + e.getMessage()
                    + " (hold the whole code steady in front of the camera, well lit, and try again)", e);
        }
        try {
            return AuthKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": the QR code does not hold a pre-auth key: " + e.getMessage(), e);
        }
    }
}
