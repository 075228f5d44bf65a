package org.veilor.headscale.internal.failsafe;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.veilor.headscale.HeadscaleVersion;
import org.veilor.headscale.PreAuthKey;

/**
 * What the failsafe admin sheet says: the key (as text and QR), its dates, how to join with it, how
 * to keep it (YubiKey, paper, the OIDC group {@code tailnet-admin}) and how to revoke it. Both
 * renderings (HTML, PNG) print exactly these sections. The sheet is the only place the key is shown.
 *
 * @param key the freshly minted key, secret included
 * @param serverUrl the login server
 * @param version the Headscale version (revocation commands differ before 0.28)
 * @param mintedAt when it was minted
 */
public record FailsafeSheet(PreAuthKey key, String serverUrl, HeadscaleVersion version, Instant mintedAt) {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** A titled block of lines. */
    public record Section(String title, List<String> lines) {
        public Section {
            lines = List.copyOf(lines);
        }
    }

    public FailsafeSheet {
        Objects.requireNonNull(key, "key");
        if (!key.hasSecret()) {
            throw new IllegalArgumentException("a failsafe sheet needs the key's full text, shown only when it is minted");
        }
    }

    public String title() {
        return "Veilor failsafe admin key (" + String.join(", ", key.aclTags()) + ")";
    }

    /** Key ID, dates, server. */
    public List<String> facts() {
        return List.of("Tailnet login server: " + serverUrl + " (Headscale " + version + ")",
                "Key ID " + key.id() + (key.reusable() ? ", reusable" : ", single use") + ", minted " + DATE.format(mintedAt),
                "Valid until " + DATE.format(key.expiration()) + " — mint a new sheet before then.");
    }

    /** The instructions, after the key. */
    public List<Section> sections() {
        List<Section> s = new ArrayList<>();
        s.add(new Section("Join with it", List.of(
                "On the admin machine: tailscale up --login-server " + serverUrl + " --auth-key <the key above>",
                "or scan the QR code at the first-boot prompt (it holds exactly the key text).",
                "The node joins as " + String.join(", ", key.aclTags()) + " and reaches everything.")));
        s.add(new Section("Keep it on the YubiKey", List.of(
                "Encrypt the key to the YubiKey's PIV slot with age-plugin-yubikey (PIN and touch needed to read it):",
                "  age -r age1yubikey1... -o veilor-failsafe.age   (paste the key, then Ctrl-D)",
                "Read it back: age -d -i yubikey-identity.txt veilor-failsafe.age")));
        s.add(new Section("Keep it on paper", List.of(
                "Print this sheet, date and sign it, seal it in an envelope and keep it in a safe.",
                "Then delete the sheet files (shred -u): Veilor did not store the key and cannot show it again.")));
        s.add(new Section("The OIDC group tailnet-admin", List.of(
                "The third way in: people in the identity provider's group tailnet-admin (Headscale oidc.allowed_groups)",
                "log in interactively (tailscale up --login-server " + serverUrl + ", no key) and, listed in the",
                "policy's group:tailnet-admin, reach everything. Keep at least two people in that group.")));
        s.add(new Section("Revoke it (sheet lost, key used, person gone)", List.of(
                "In Veilor: headscale:revoke " + key.id() + "   (add --node to expire the machine that joined with it)",
                version.keysNeedUser()
                        ? "Headscale " + version + " CLI: headscale preauthkeys expire --user " + key.userName() + " <the key above>"
                        : "Headscale CLI: headscale preauthkeys expire --id " + key.id(),
                "Then mint a new sheet: headscale:failsafe --out <folder>")));
        return s;
    }

    /** The key in groups of four characters, a line per {@code perLine} characters, for reading aloud or typing. */
    public List<String> keyLines(int perLine) {
        List<String> lines = new ArrayList<>();
        String k = key.key();
        for (int i = 0; i < k.length(); i += perLine) {
            String chunk = k.substring(i, Math.min(k.length(), i + perLine));
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < chunk.length(); j += 4) {
                sb.append(j == 0 ? "" : " ").append(chunk, j, Math.min(chunk.length(), j + 4));
            }
            lines.add(sb.toString());
        }
        return lines;
    }
}
