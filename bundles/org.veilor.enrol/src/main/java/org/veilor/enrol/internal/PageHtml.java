package org.veilor.enrol.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/** The HTML of the enrolment pages: self-contained (no script, no outside resource), every value escaped. */
final class PageHtml {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final String STYLE = "body{font-family:sans-serif;max-width:46em;margin:2em auto;padding:0 1em;color:#111;background:#fff}"
            + "h1{font-size:1.5em}.key{font-family:monospace;font-size:1.15em;word-break:break-all;background:#f3f3f3;padding:.8em;"
            + "border:1px solid #999;user-select:all}.qr{display:block;width:360px;height:360px;image-rendering:pixelated}"
            + "button{font-size:1.2em;padding:.6em 1.4em}.note{color:#444}ol li{margin:.4em 0}";

    private PageHtml() {
    }

    /** The page behind the link before the key is shown: one button. */
    static String confirm(String username, long hoursLeft) {
        return page("Your Veilor key", "<h1>Your Veilor key, @" + esc(username) + "</h1>"
                + "<p>This page shows your key to join the Veilor mesh <strong>once</strong>. Open it on (or next to) the computer you are setting up: "
                + "the key is not kept here after it is shown.</p>"
                + "<p class=\"note\">It works for about " + hoursLeft + " more hours.</p>"
                + "<form method=\"post\"><button type=\"submit\">Show my key now</button></form>");
    }

    /** The key, as text to paste and as a QR code of exactly that text, with the first-boot steps. */
    static String key(String username, String key, byte[] qrPng, Instant expires, boolean reusable) {
        return page("Your Veilor key", "<h1>Your Veilor key, @" + esc(username) + "</h1>"
                + "<p><strong>This is the only time this key is shown.</strong> Keep this page open until your computer has joined.</p>"
                + "<p class=\"key\" id=\"key\">" + esc(key) + "</p>"
                + "<img class=\"qr\" id=\"qr\" alt=\"QR code of the key\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(qrPng) + "\">"
                + "<h2>At the first boot of veilor-os</h2><ol>"
                + "<li>The setup asks <em>Join the Veilor mesh? [paste / QR]</em>.</li>"
                + "<li>Answer <strong>p</strong> and paste the key above (all of it, one line), or answer <strong>q</strong> and hold this QR code "
                + "in front of the computer's camera.</li>"
                + "<li>The computer joins the mesh. If you skipped the question, run <code>ujust veilor-join</code> later.</li></ol>"
                + "<p class=\"note\">The key works until " + esc(date(expires)) + (reusable ? " and may join several of your computers until then." : ".")
                + " Do not share it: whoever has it can join the mesh as you.</p>");
    }

    /** Answered with 410: the key was shown, expired, or was revoked. */
    static String gone(String why, String fingerprint, String newKeyHelp) {
        return page("Key no longer available", "<h1>This key is no longer available</h1><p>" + esc(why) + "</p>"
                + (fingerprint == null ? "" : "<p class=\"note\">Key fingerprint: <code>" + esc(fingerprint) + "</code></p>")
                + "<h2>To get a new key</h2><p>" + esc(newKeyHelp) + "</p>");
    }

    static String broken(String newKeyHelp) {
        return page("Key cannot be shown", "<h1>This key cannot be shown</h1><p>The server cannot read it any more.</p><h2>To get a new key</h2><p>"
                + esc(newKeyHelp) + "</p>");
    }

    static String notFound() {
        return page("Unknown link", "<h1>Unknown link</h1><p>This enrolment link is not valid. If you received a newer message with a link, "
                + "use that one.</p>");
    }

    static String unavailable() {
        return page("Try again later", "<h1>Please try again in a minute</h1><p>The enrolment service is busy.</p>");
    }

    static String date(Instant t) {
        return DATE.format(t);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + esc(title) + "</title><style>" + STYLE
                + "</style></head><body>" + body + "</body></html>";
    }
}
