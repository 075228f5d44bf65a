package org.veilor.headscale.internal.failsafe;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.veilor.core.qr.QrCodes;

/**
 * The failsafe sheet as a PNG page (A4 at 150 dpi, 1240 × 1754): the same sections as the HTML, drawn
 * with Java2D, the QR code drawn pixel-exact (no scaling) so it scans from the print and from the file.
 */
public final class FailsafeSheetPng {

    static final int WIDTH = 1240;
    static final int HEIGHT = 1754;
    private static final int MARGIN = 80;
    private static final int QR_SIZE = 520;

    private FailsafeSheetPng() {
    }

    public static byte[] render(FailsafeSheet sheet) throws IOException {
        BufferedImage page = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            Cursor c = new Cursor(g);
            c.line(new Font(Font.SANS_SERIF, Font.BOLD, 34), sheet.title(), 14);
            Font text = new Font(Font.SANS_SERIF, Font.PLAIN, 20);
            for (String f : sheet.facts()) {
                c.line(text, f, 4);
            }
            c.y += 10;
            BufferedImage qr = QrCodes.encodeImage(sheet.key().key(), QR_SIZE);
            g.drawImage(qr, MARGIN, c.y, null);
            c.y += qr.getHeight() + 16;
            c.line(new Font(Font.SANS_SERIF, Font.PLAIN, 17), "The key (the spaces are only for reading; type it without them):", 6);
            Font mono = new Font(Font.MONOSPACED, Font.BOLD, 24);
            for (String l : sheet.keyLines(44)) {
                c.line(mono, l, 4);
            }
            c.y += 6;
            Font heading = new Font(Font.SANS_SERIF, Font.BOLD, 22);
            Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 17);
            for (FailsafeSheet.Section s : sheet.sections()) {
                c.y += 10;
                c.line(heading, s.title(), 4);
                for (String l : s.lines()) {
                    c.line(small, l, 2);
                }
            }
            if (c.y > HEIGHT - 20) {
                throw new IOException("the failsafe sheet does not fit on one page (" + c.y + " px of " + HEIGHT + ")");
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(page, "png", out)) {
            throw new IOException("no PNG writer available");
        }
        return out.toByteArray();
    }

    /** Writes lines top to bottom, wrapping at the right margin. */
    private static final class Cursor {
        private final Graphics2D g;
        int y = MARGIN;

        Cursor(Graphics2D g) {
            this.g = g;
        }

        void line(Font font, String text, int gap) {
            g.setFont(font);
            FontMetrics m = g.getFontMetrics();
            String rest = text;
            while (!rest.isEmpty()) {
                int cut = rest.length();
                while (cut > 1 && m.stringWidth(rest.substring(0, cut)) > WIDTH - 2 * MARGIN) {
                    int space = rest.lastIndexOf(' ', cut - 1);
                    cut = space > 0 ? space : cut - 1;
                }
                y += m.getAscent();
                g.drawString(rest.substring(0, cut), MARGIN, y);
                y += m.getDescent() + gap;
                rest = rest.substring(cut).stripLeading();
            }
        }
    }
}
