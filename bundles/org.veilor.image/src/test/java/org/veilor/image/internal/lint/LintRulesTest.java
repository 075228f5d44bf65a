package org.veilor.image.internal.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.Finding;
import org.veilor.core.Severity;
import org.veilor.image.internal.LintFixtures;
import org.veilor.image.internal.TarArchive;

/**
 * Every lint rule fails on a tree that breaks it. Each case starts from a clean rendered tree (which
 * lints without errors) and changes one thing, as an operator or a contribution could.
 */
class LintRulesTest {

    @TempDir
    Path dir;
    Path tree;
    String recipe;

    @BeforeEach
    void render() throws IOException {
        tree = LintFixtures.cleanTree(dir);
        recipe = read("recipes/recipe.yml");
        assertEquals(List.of(), errors(lint(true, true, false)), "the clean tree");
    }

    // --- schema

    @Test
    void schemaRejectsABareDnfInstallList() throws IOException {
        edit("    install:\n      packages:\n", "    install:\n");
        assertFails("image.schema", "dnf module");
    }

    @Test
    void schemaRejectsAnUnknownTopLevelKey() throws IOException {
        edit("base-image:", "base-imag: x\nbase-image:");
        assertFails("image.schema", "base-imag");
    }

    @Test
    void schemaRejectsAnUnknownModuleKey() throws IOException {
        edit("  - type: signing\n", "  - type: signing\n    key: cosign.pub\n");
        assertFails("image.schema", "signing module");
    }

    // --- Trivalent and Thorium

    @Test
    void trivalentRemoved() throws IOException {
        edit("  - type: files\n", "    remove:\n      packages:\n        - trivalent\n  - type: files\n");
        assertFails("image.trivalent", "Trivalent is removed");
    }

    @Test
    void trivalentNotDefault() throws IOException {
        write("files/system/etc/xdg/mimeapps.list", "[Default Applications]\ntext/html=mullvad-browser.desktop\n"
                + "application/xhtml+xml=trivalent.desktop\nx-scheme-handler/http=trivalent.desktop\nx-scheme-handler/https=trivalent.desktop\n");
        assertFails("image.trivalent", "text/html opens with mullvad-browser.desktop");
    }

    @Test
    void trivalentDefaultMissing() throws IOException {
        Files.delete(tree.resolve("files/system/etc/xdg/mimeapps.list"));
        assertFails("image.trivalent", "does not set Trivalent as the default browser");
    }

    @Test
    void scriptMakesAnotherBrowserDefault() throws IOException {
        script("xdg-settings set default-web-browser mullvad-browser.desktop\n");
        assertFails("image.trivalent", "makes mullvad-browser.desktop the default browser");
    }

    @Test
    void thoriumInstalledByDefault() throws IOException {
        edit("        - mullvad-browser\n", "        - mullvad-browser\n        - thorium-browser\n");
        assertFails("image.thorium-default", "Thorium is installed by default");
    }

    @Test
    void thoriumFetchedByABuildScript() throws IOException {
        script("curl -fLo /tmp/t.rpm https://github.com/Alex313031/thorium/releases/download/x/thorium.rpm\n");
        assertFails("image.thorium-default", "build script");
    }

    @Test
    void thoriumRecipeWithoutWarningOrConfirmation() throws IOException {
        write("files/justfiles/veilor-browsers.just", "# Install Thorium\ninstall-thorium:\n    run0 rpm-ostree install thorium\n");
        List<Finding> f = lint(true, true, false);
        assertHas(f, "image.thorium-recipe", "does not warn");
        assertHas(f, "image.thorium-recipe", "without asking for confirmation");
    }

    @Test
    void thoriumRecipeMissing() throws IOException {
        write("files/justfiles/veilor-browsers.just", "# Nothing\nhello:\n    echo hi\n");
        assertFails("image.thorium-recipe", "no `ujust install-thorium` recipe");
    }

    // --- sudo and Xwayland

    @Test
    void sudoNotRestored() throws IOException {
        edit("        - sudo\n", "");
        assertFails("image.sudo", "no dnf module installs sudo");
        assertEquals(List.of(), codes(lint(false, true, false), "image.sudo"), "not configured: not required");
    }

    @Test
    void xwaylandNotRestored() throws IOException {
        edit("      - veilor-restore-xwayland.sh\n", "");
        Files.delete(tree.resolve("files/scripts/veilor-restore-xwayland.sh"));
        assertFails("image.xwayland", "plasma-kwin_wayland.service.d/override.conf");
        assertEquals(List.of(), codes(lint(true, false, false), "image.xwayland"), "not configured: not required");
    }

    // --- mesh

    @Test
    void tailscaledEnabledAtInstall() throws IOException {
        edit("        - veilor.service\n", "        - veilor.service\n        - tailscaled.service\n");
        assertFails("image.tailscaled", "tailscaled is enabled at install");
    }

    @Test
    void reticulumUnitEnabled() throws IOException {
        edit("        - veilor.service\n", "        - veilor.service\n        - rnsd.service\n");
        assertFails("image.reticulum-enabled", "rnsd.service");
    }

    @Test
    void reticulumEnabledByAScript() throws IOException {
        script("systemctl enable rnsd.service\n");
        assertFails("image.reticulum-enabled", "enables rnsd.service");
    }

    @Test
    void reticulumFromUpstreamRns() throws IOException {
        script("pip install rns\n");
        assertFails("image.reticulum-upstream", "upstream RNS");
        write("files/veilor/node-profile/etc/org.veilor.mesh.reticulum.cfg", "source = https://github.com/markqvist/Reticulum\n");
        assertHas(lint(true, true, false), "image.reticulum-upstream", "node-profile");
    }

    @Test
    void fedoraYggdrasilInsteadOfYggdrasilGo() throws IOException {
        edit("        - mullvad-browser\n", "        - mullvad-browser\n        - yggdrasil\n");
        assertFails("image.yggdrasil-fedora", "unrelated MQTT");
        render();
        edit("        - sudo\n", "        - sudo\n        - repo: updates\n          packages:\n            - yggdrasil\n");
        assertFails("image.yggdrasil-fedora", "from updates");
    }

    // --- secrets, in real formats

    @Test
    void encryptedCosignKey() throws IOException {
        write("files/system/etc/veilor/signing.key", LintFixtures.encryptedCosignKey());
        assertFails("image.secret", "PEM private key");
    }

    @Test
    void headscaleApiKey() throws IOException {
        write("files/system/etc/veilor/headscale.env", "HEADSCALE_API_KEY=" + LintFixtures.headscaleKey("api") + "\n");
        Finding f = assertFails("image.secret", "Headscale API key");
        assertFalse(f.message().contains("hskey-api-"), "the secret itself is never printed");
        assertEquals("files/system/etc/veilor/headscale.env:1", f.location());
    }

    @Test
    void headscaleListingIsNotASecret() throws IOException {
        write("files/system/etc/veilor/notes.txt", "key hskey-auth-AbCdEfGhIjKl-*** was used\n");
        assertEquals(List.of(), codes(lint(true, true, false), "image.secret"));
    }

    @Test
    void pkcs8PrivateKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(g.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        write("files/overlay/etc/ssl/private/veilor.pem", pem);
        assertFails("image.secret", "PEM private key");
    }

    @Test
    void yggdrasilPrivateKey() throws Exception {
        var kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        byte[] pub = kp.getPublic().getEncoded();
        byte[] raw = new byte[64];
        System.arraycopy(seed, 0, raw, 0, 32);
        System.arraycopy(pub, pub.length - 32, raw, 32, 32);
        write("files/system/etc/yggdrasil/yggdrasil.conf", "{\n  \"PrivateKey\": \"" + HexFormat.of().formatHex(raw) + "\",\n  \"Peers\": []\n}\n");
        assertFails("image.secret", "Yggdrasil private key");
    }

    @Test
    void secretInsideTheDistributionTarball() throws IOException {
        Path tar = tree.resolve("files/veilor/veilor.tar.gz");
        try (OutputStream o = Files.newOutputStream(tar); TarArchive.Writer w = new TarArchive.Writer(o)) {
            byte[] key = ("admin.key=" + LintFixtures.headscaleKey("auth") + "\n").getBytes(StandardCharsets.UTF_8);
            w.folder("veilor/", 0755);
            w.file("veilor/etc/org.veilor.enrol.cfg", 0644, key.length, new java.io.ByteArrayInputStream(key));
            w.finish();
        }
        Finding f = assertFails("image.secret", "Headscale pre-auth key");
        assertEquals("files/veilor/veilor.tar.gz!veilor/etc/org.veilor.enrol.cfg:1", f.location());
    }

    @Test
    void cosignKeyFile() throws IOException {
        write("cosign.key", LintFixtures.encryptedCosignKey());
        assertFails("image.secret", "cosign private key file");
    }

    // --- tree shape

    @Test
    void retiredBaseImageIsAWarning() throws IOException {
        edit("base-image: ghcr.io/secureblue/kinoite-main-hardened", "base-image: ghcr.io/secureblue/securecore-kinoite-hardened-userns");
        List<Finding> f = lint(true, true, false);
        Finding w = f.stream().filter(x -> x.code().equals("image.base-retired")).findFirst().orElseThrow();
        assertEquals(Severity.WARNING, w.severity());
        assertTrue(w.message().contains("-userns") && w.message().contains("kinoite-main-hardened"), w.message());
    }

    @Test
    void missingCosignPubWarnsAndFailsForAPublicIso() throws IOException {
        Files.delete(tree.resolve("cosign.pub"));
        assertEquals(Severity.WARNING, lint(true, true, false).stream().filter(x -> x.code().equals("image.cosign-pub"))
                .findFirst().orElseThrow().severity());
        assertFails(lint(true, true, true), "image.cosign-pub", "required while publicIso is set");
    }

    @Test
    void workflowWithInlineKeyOrMissingPermission() throws IOException {
        String w = read(".github/workflows/build-bluebuild.yml");
        write(".github/workflows/build-bluebuild.yml", w.replace("${{ secrets.SIGNING_SECRET }}", "my-key").replace("      id-token: write\n", ""));
        List<Finding> f = lint(true, true, false);
        assertHas(f, "image.workflow", "repository secret");
        assertHas(f, "image.workflow", "id-token: write");
    }

    @Test
    void noSigningModule() throws IOException {
        edit("  - type: signing\n", "");
        assertFails("image.signing", "no signing module");
    }

    @Test
    void filesWhereOstreeDoesNotKeepThem() throws IOException {
        write("files/overlay/opt/veilor/theme.txt", "x\n");
        assertFails("image.ostree-path", "/opt/");
    }

    @Test
    void nodeRuntimeMissing() throws IOException {
        edit("        - java-21-openjdk-headless\n", "");
        Files.delete(tree.resolve("files/veilor/veilor.tar.gz"));
        List<Finding> f = lint(true, true, false);
        assertHas(f, "image.node-runtime", "java-21-openjdk-headless");
        assertHas(f, "image.node-runtime", "veilor.tar.gz");
    }

    @Test
    void duplicateUjustRecipeAcrossJustfiles() throws IOException {
        write("files/justfiles/veilor-other.just", "# Another\ninstall-thorium:\n    echo again\n");
        assertFails("image.justfile", "install-thorium is defined in");
    }

    // --- helpers

    private List<Finding> lint(boolean sudo, boolean xwayland, boolean publicIso) throws IOException {
        return new ImageLinter().lint(tree, new LintExpectations(sudo, xwayland, publicIso), null);
    }

    private Finding assertFails(String code, String text) throws IOException {
        return assertFails(lint(true, true, false), code, text);
    }

    private static Finding assertFails(List<Finding> findings, String code, String text) {
        Finding f = assertHas(findings, code, text);
        assertEquals(Severity.ERROR, f.severity(), f.toString());
        return f;
    }

    private static Finding assertHas(List<Finding> findings, String code, String text) {
        return findings.stream().filter(f -> f.code().equals(code) && (f.message().contains(text)
                || (f.location() != null && f.location().contains(text)))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " finding with '" + text + "' in " + findings));
    }

    private static List<Finding> errors(List<Finding> f) {
        return f.stream().filter(Finding::isError).toList();
    }

    private static List<Finding> codes(List<Finding> f, String code) {
        return f.stream().filter(x -> x.code().equals(code) && x.isError()).toList();
    }

    private void edit(String from, String to) throws IOException {
        assertTrue(recipe.contains(from), "recipe has " + from);
        recipe = recipe.replace(from, to);
        write("recipes/recipe.yml", recipe);
    }

    private void script(String body) throws IOException {
        write("files/scripts/veilor-extra.sh", "#!/usr/bin/bash\nset -euo pipefail\n" + body);
        edit("      - veilor-restore-xwayland.sh\n", "      - veilor-restore-xwayland.sh\n      - veilor-extra.sh\n");
    }

    private String read(String rel) throws IOException {
        return Files.readString(tree.resolve(rel));
    }

    private void write(String rel, String text) throws IOException {
        Files.createDirectories(tree.resolve(rel).getParent());
        Files.writeString(tree.resolve(rel), text);
    }
}
