package org.veilor.headscale.internal.failsafe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.veilor.core.qr.QrCodes;
import org.veilor.headscale.HeadscaleUser;
import org.veilor.headscale.HeadscaleVersion;
import org.veilor.headscale.PreAuthKey;

/** Both renderings of the failsafe sheet: the QR decodes back to the exact key; every section is there. */
class FailsafeSheetTest {

    private static final String KEY = "hskey-auth-Ab-d3fGh1jKl-" + "Q9-x_".repeat(12) + "Zz0-";
    private static final Instant MINTED = Instant.parse("2026-07-01T09:30:00Z");

    private static FailsafeSheet sheet(String key, HeadscaleVersion v, HeadscaleUser user) {
        PreAuthKey k = new PreAuthKey("17", key, user, false, false, false, MINTED.plusSeconds(90L * 86400), MINTED, List.of("tag:admin"));
        return new FailsafeSheet(k, "https://hs.example.org", v, MINTED);
    }

    @Test
    void pngQrDecodesToTheKey() throws Exception {
        assertEquals(88, KEY.length());
        byte[] png = FailsafeSheetPng.render(sheet(KEY, HeadscaleVersion.parse("0.29.2"), null));
        BufferedImage page = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(FailsafeSheetPng.WIDTH, page.getWidth());
        assertEquals(FailsafeSheetPng.HEIGHT, page.getHeight());
        assertEquals(KEY, QrCodes.decode(png), "the whole printed page scans to the key");
    }

    @Test
    void legacyKeyOnTheSheetToo() throws Exception {
        String legacy = "0123456789abcdef0123456789abcdef0123456789abcdef";
        byte[] png = FailsafeSheetPng.render(sheet(legacy, HeadscaleVersion.parse("0.27.1"), new HeadscaleUser("1", "operators", "", "")));
        assertEquals(legacy, QrCodes.decode(png));
    }

    @Test
    void htmlCarriesKeyQrAndInstructions() throws Exception {
        String html = FailsafeSheetHtml.render(sheet(KEY, HeadscaleVersion.parse("0.29.2"), null));
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        assertTrue(m.find(), "an embedded QR image");
        assertEquals(KEY, QrCodes.decode(Base64.getDecoder().decode(m.group(1))));
        assertTrue(html.contains("<p class=\"key\" id=\"key\">" + KEY + "</p>"), "the key as text to copy");
        assertTrue(html.contains("Valid until 2026-09-29 09:30 UTC"), html);
        assertTrue(html.contains("minted 2026-07-01 09:30 UTC"), html);
        assertTrue(html.contains("age-plugin-yubikey"), "YubiKey instructions");
        assertTrue(html.contains("identity provider&#39;s group tailnet-admin") || html.contains("identity provider's group tailnet-admin"), "OIDC group");
        assertTrue(html.contains("headscale:revoke 17"), "how to revoke, by key ID");
        assertTrue(html.contains("headscale preauthkeys expire --id 17"), "CLI revocation for 0.28+");
        assertTrue(html.contains("@page { size: A4;"), "printable");
    }

    @Test
    void revocationBeforeHeadscale028NamesUserAndKey() {
        FailsafeSheet s = sheet("ab".repeat(24), HeadscaleVersion.parse("0.27.1"), new HeadscaleUser("1", "operators", "", ""));
        String revoke = String.join("\n", s.sections().get(4).lines());
        assertTrue(revoke.contains("headscale preauthkeys expire --user operators <the key above>"), revoke);
    }

    @Test
    void keyLinesGroupForTyping() {
        List<String> lines = sheet(KEY, HeadscaleVersion.parse("0.29.2"), null).keyLines(44);
        assertEquals(2, lines.size());
        assertEquals(KEY, String.join("", lines).replace(" ", ""));
        assertTrue(lines.get(0).startsWith("hske y-au th-A"), lines.get(0));
    }

    @Test
    void aMaskedKeyCannotMakeASheet() {
        PreAuthKey masked = new PreAuthKey("3", "hskey-auth-AbCdEfGhIjKl-***", null, false, false, false, MINTED, MINTED, List.of("tag:admin"));
        assertThrows(IllegalArgumentException.class, () -> new FailsafeSheet(masked, "https://hs", HeadscaleVersion.parse("0.29.2"), MINTED));
    }
}
