package org.veilor.headscale.internal.failsafe;

import java.io.IOException;
import java.util.Base64;
import org.veilor.core.qr.QrCodes;

/** The failsafe sheet as one self-contained, printable HTML page (the QR code embedded as a PNG data URI). */
public final class FailsafeSheetHtml {

    private FailsafeSheetHtml() {
    }

    public static String render(FailsafeSheet sheet) throws IOException {
        byte[] qr = QrCodes.encodePng(sheet.key().key(), 480);
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"robots\" content=\"noindex\">\n<title>").append(esc(sheet.title())).append("</title>\n")
                .append("<style>\n@page { size: A4; margin: 15mm; }\n")
                .append("body { font-family: sans-serif; font-size: 11pt; color: #000; background: #fff; }\n")
                .append(".key { font-family: monospace; font-size: 13pt; word-break: break-all; border: 1px solid #000; padding: 6pt; }\n")
                .append(".qr { display: block; width: 60mm; height: 60mm; image-rendering: pixelated; }\n")
                .append("h2 { font-size: 12pt; margin: 10pt 0 2pt; } p { margin: 2pt 0; } code { font-family: monospace; }\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(sheet.title())).append("</h1>\n");
        for (String f : sheet.facts()) {
            h.append("<p>").append(esc(f)).append("</p>\n");
        }
        h.append("<img class=\"qr\" alt=\"QR code of the key\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(qr)).append("\">\n");
        h.append("<p class=\"key\" id=\"key\">").append(esc(sheet.key().key())).append("</p>\n");
        h.append("<p>Grouped for typing:</p>\n<p class=\"key\">");
        h.append(String.join("<br>", sheet.keyLines(44).stream().map(FailsafeSheetHtml::esc).toList())).append("</p>\n");
        for (FailsafeSheet.Section s : sheet.sections()) {
            h.append("<h2>").append(esc(s.title())).append("</h2>\n");
            for (String line : s.lines()) {
                h.append("<p>").append(esc(line)).append("</p>\n");
            }
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
