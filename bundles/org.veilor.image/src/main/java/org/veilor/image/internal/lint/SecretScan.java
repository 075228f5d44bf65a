package org.veilor.image.internal.lint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.veilor.core.Finding;
import org.veilor.core.Folders;
import org.veilor.image.internal.TarArchive;

/**
 * No private key or secret may enter the tree (it is a public repository, and the image is public):
 * PEM private keys of any kind (PKCS#8, encrypted PKCS#8, RSA/EC/OpenSSH, cosign/sigstore encrypted
 * keys), Headscale API and pre-auth keys, and 128-hex-digit Yggdrasil private keys. Text files of the
 * tree are scanned, and so are the text entries of tarballs in it (the veilor distribution). Findings
 * name the kind and the place, never the secret.
 */
final class SecretScan implements LintRule {

    private static final int ENTRY_LIMIT = 1 << 20;

    /** A kind of secret and how to recognise it. */
    record Kind(String name, Pattern pattern) {
    }

    static final List<Kind> KINDS = List.of(
            new Kind("PEM private key", Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----")),
            new Kind("Headscale API key", Pattern.compile("hskey-api-[A-Za-z0-9_-]{12}-[A-Za-z0-9_-]{64}")),
            new Kind("Headscale pre-auth key", Pattern.compile("hskey-auth-[A-Za-z0-9_-]{12}-[A-Za-z0-9_-]{64}")),
            new Kind("Yggdrasil private key (128 hex digits)", Pattern.compile("(?<![0-9A-Fa-f])[0-9A-Fa-f]{128}(?![0-9A-Fa-f])")));

    @Override
    public void check(LintContext t, List<Finding> out) throws IOException {
        for (Map.Entry<String, String> e : t.texts().entrySet()) {
            if (e.getKey().endsWith("cosign.key")) {
                out.add(Finding.error("image.secret", "the cosign private key file is in the tree; it belongs only in the"
                        + " SIGNING_SECRET repository secret", e.getKey()));
            }
            scan(e.getKey(), e.getValue(), out);
        }
        for (Folders.Entry f : Folders.walk(t.tree(), LintContext.notGit(t.tree()))) {
            Path p = f.path();
            String name = p.getFileName().toString();
            if (!(name.endsWith(".tar.gz") || name.endsWith(".tgz")) || !LintContext.isFile(f)) {
                continue;
            }
            String rel = t.tree().relativize(p).toString().replace('\\', '/');
            try (InputStream in = Files.newInputStream(p)) {
                for (TarArchive.Entry entry : TarArchive.read(in, ENTRY_LIMIT)) {
                    if (entry.isFile() && entry.content() != null && !LintContext.binary(entry.content())
                            && !entry.name().endsWith(".sha512")) {
                        scan(rel + "!" + entry.name(), new String(entry.content(), StandardCharsets.UTF_8), out);
                    }
                }
            } catch (IOException e) {
                if (!Folders.gone(e, p)) { // removed since the walk listed it: not in the tree any more
                    out.add(Finding.error("image.secret", "cannot scan " + rel + " for secrets: " + e.getMessage(), rel));
                }
            }
        }
    }

    static void scan(String where, String text, List<Finding> out) {
        if (where.endsWith(".sha512")) {
            return;
        }
        for (Kind k : KINDS) {
            Matcher m = k.pattern().matcher(text);
            if (m.find()) {
                out.add(Finding.error("image.secret", "a " + k.name() + " is in the tree; secrets are generated on the"
                        + " machine or kept as repository secrets, never committed or carried in the image",
                        where + ":" + LintContext.line(text, m.start())));
            }
        }
    }
}
