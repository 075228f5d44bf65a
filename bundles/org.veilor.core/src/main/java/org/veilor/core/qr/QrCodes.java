package org.veilor.core.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * QR encode to PNG and decode from PNG or JPEG. ZXing's {@code javase} module is not an OSGi
 * bundle, so the small image bridge it would provide lives here.
 */
public final class QrCodes {

    private QrCodes() {
    }

    /**
     * Encodes text as a QR code PNG (error correction M, quiet zone of 4 modules).
     *
     * @param text what a scanner should read back exactly
     * @param size the image width and height in pixels (at least the code's module count)
     */
    public static byte[] encodePng(String text, int size) throws IOException {
        BufferedImage image = encodeImage(text, size);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer available");
        }
        return out.toByteArray();
    }

    /** Encodes text as a black-on-white QR image. */
    public static BufferedImage encodeImage(String text, int size) throws IOException {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("nothing to encode");
        }
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, 4);
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, hints);
        } catch (WriterException e) {
            throw new IOException("cannot encode a QR code: " + e.getMessage(), e);
        }
        int w = matrix.getWidth();
        int h = matrix.getHeight();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, matrix.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        return image;
    }

    /**
     * Decodes the QR code in a PNG or JPEG image.
     *
     * @throws IOException when the bytes are not an image or hold no readable QR code
     */
    public static String decode(byte[] imageBytes) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(imageBytes));
        if (image == null) {
            throw new IOException("not a PNG or JPEG image");
        }
        return decode(image);
    }

    /**
     * Decodes the QR code in an image. Tried upright, then turned a quarter either way: ZXing's QR
     * detector misses about one perfectly rendered code in a hundred in one orientation (its finder
     * search runs along rows) and finds the same code turned; a scanner in a hand sees many angles.
     */
    public static String decode(BufferedImage image) throws IOException {
        IOException first = null;
        for (int quarterTurns : new int[] { 0, 1, 3 }) {
            try {
                return decodeOnce(quarterTurns == 0 ? image : turn(image, quarterTurns));
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first;
    }

    private static String decodeOnce(BufferedImage image) throws IOException {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        hints.put(DecodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        LuminanceSource source = new ImageLuminanceSource(image);
        try {
            Result result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
            return result.getText();
        } catch (NotFoundException e) {
            throw new IOException("no QR code found in the image", e);
        } catch (ReaderException e) {
            throw new IOException("the QR code in the image cannot be read: " + e.getClass().getSimpleName(), e);
        }
    }

    /** The image turned clockwise by 1 or 3 quarter turns. */
    private static BufferedImage turn(BufferedImage image, int quarterTurns) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] src = image.getRGB(0, 0, w, h, null, 0, w);
        int[] dst = new int[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int to = quarterTurns == 1 ? x * h + (h - 1 - y) : (w - 1 - x) * h + y;
                dst[to] = src[y * w + x];
            }
        }
        BufferedImage turned = new BufferedImage(h, w, BufferedImage.TYPE_INT_ARGB);
        turned.setRGB(0, 0, h, w, dst, 0, h);
        return turned;
    }

    /** Luminance of an image, averaging RGB and treating transparent pixels as white. */
    private static final class ImageLuminanceSource extends LuminanceSource {
        private final byte[] luminance;

        ImageLuminanceSource(BufferedImage image) {
            super(image.getWidth(), image.getHeight());
            int w = image.getWidth();
            int h = image.getHeight();
            int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
            luminance = new byte[w * h];
            for (int i = 0; i < rgb.length; i++) {
                int p = rgb[i];
                int alpha = p >>> 24;
                int r = (p >> 16) & 0xFF;
                int g = (p >> 8) & 0xFF;
                int b = p & 0xFF;
                int lum = (r * 306 + g * 601 + b * 117) >> 10;
                lum = (lum * alpha + 0xFF * (0xFF - alpha)) / 0xFF;
                luminance[i] = (byte) lum;
            }
        }

        @Override
        public byte[] getRow(int y, byte[] row) {
            int w = getWidth();
            byte[] r = row != null && row.length >= w ? row : new byte[w];
            System.arraycopy(luminance, y * w, r, 0, w);
            return r;
        }

        @Override
        public byte[] getMatrix() {
            return luminance;
        }
    }
}
