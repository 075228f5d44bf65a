package org.veilor.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.Finding;
import org.veilor.core.containers.ImageReference;
import org.veilor.update.UpdateReport;

/** The node's files judged as containers/image would use them (containers-policy.json(5), containers-registries.d(5)). */
class SignatureCheckTest {

    private static final ImageReference IMAGE = ImageReference.parse(Node.IMAGE);
    private static final BootcHost.Image SIGNED = new BootcHost.Image(Node.IMAGE, "registry", "containerPolicy",
            "sha256:" + "1a".repeat(32), "43.20260105.0", null);

    @TempDir
    Path dir;
    private Node node;

    @BeforeEach
    void setUp() throws Exception {
        node = new Node(dir);
    }

    private SignatureCheck.NodePolicy judge() {
        return SignatureCheck.node(node.host, IMAGE, "/usr/share/veilor/cosign.pub");
    }

    private String only() {
        List<Finding> p = judge().problems();
        assertEquals(1, p.size(), p.toString());
        return p.get(0).code() + " " + p.get(0).message();
    }

    @Test
    void theSigningModulesFilesVerifyTheImage() {
        SignatureCheck.NodePolicy n = judge();
        assertTrue(n.holds(), n.problems().toString());
        UpdateReport.Signature s = SignatureCheck.of(SIGNED, n);
        assertEquals("verified", s.state());
        assertEquals("sigstore signature by the image's cosign.pub, required by /etc/containers/policy.json"
                + " transports.docker[\"ghcr.io/veilor/veilor-os\"]", s.detail());
    }

    @Test
    void aPolicyThatAcceptsUnsignedImagesIsAnError() throws Exception {
        node.write(SignatureCheck.POLICY, "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}");
        assertEquals("update.unsigned the policy accepts unsigned images for ghcr.io/veilor/veilor-os: /etc/containers/policy.json"
                + " default (the global default) is [insecureAcceptAnything]; it must require sigstoreSigned with the image's"
                + " cosign.pub", only());
        // A tag scope beats the repository's requirement.
        node.write(SignatureCheck.POLICY, Node.signedPolicy().replace("\"\": [", "\"ghcr.io/veilor/veilor-os:43\": ["));
        assertTrue(only().contains("transports.docker[\"ghcr.io/veilor/veilor-os:43\"] is [insecureAcceptAnything]"));
        UpdateReport.Signature s = SignatureCheck.of(SIGNED, judge());
        assertEquals("unverified", s.state());
        assertTrue(s.detail().startsWith("the policy accepts unsigned images"), s.detail());
    }

    @Test
    void anotherKeyAMissingKeyOrGpgSigningIsAnError() throws Exception {
        node.write("/etc/pki/containers/veilor-os.pub", Node.publicKeyPem());
        assertTrue(only().startsWith("update.signature-key the policy requires signatures by another key than the image's"
                + " cosign.pub (/usr/share/veilor/cosign.pub): /etc/containers/policy.json transports.docker"), only());
        String keyData = Base64.getEncoder().encodeToString(node.key.getBytes());
        node.write(SignatureCheck.POLICY, Node.signedPolicy().replace("\"keyPath\": \"/etc/pki/containers/veilor-os.pub\"",
                "\"keyData\": \"" + keyData + "\""));
        assertTrue(judge().holds(), "keyData with the shipped key is the same key");
        Files.delete(node.root.resolve("usr/share/veilor/cosign.pub"));
        assertTrue(only().startsWith("update.signature-key the image's signing key is not at /usr/share/veilor/cosign.pub"));
        node.write("/usr/share/veilor/cosign.pub", node.key);
        node.write(SignatureCheck.POLICY, Node.signedPolicy().replace("/etc/pki/containers/veilor-os.pub", "/etc/pki/gone.pub"));
        assertTrue(only().contains("the policy's sigstore key /etc/pki/gone.pub does not exist"));
        node.write(SignatureCheck.POLICY, "{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"docker\":{\"ghcr.io/veilor\":"
                + "[{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",\"keyPath\":\"/k.gpg\"}]}}}");
        assertTrue(only().contains("does not require a sigstore signature"), only());
        node.write(SignatureCheck.POLICY, "{\"default\":[{\"type\":\"reject\"}]}");
        assertTrue(only().contains("the policy rejects every image of ghcr.io/veilor/veilor-os"), only());
    }

    @Test
    void brokenOrMissingPolicyFilesAreErrorsNotCrashes() throws Exception {
        node.write(SignatureCheck.POLICY, "{\"default\": [");
        assertTrue(only().startsWith("update.signature-policy /etc/containers/policy.json cannot be used"), only());
        Files.delete(node.root.resolve("etc/containers/policy.json"));
        assertTrue(only().startsWith("update.signature-policy there is no /etc/containers/policy.json"), only());
    }

    @Test
    void registriesDMustReadSigstoreAttachmentsForTheImage() throws Exception {
        Path d = node.root.resolve("etc/containers/registries.d");
        Files.delete(d.resolve("veilor-veilor-os.yaml"));
        assertTrue(only().startsWith("update.signature-registries no file in /etc/containers/registries.d configures"), only());
        node.write("/etc/containers/registries.d/veilor-veilor-os.yaml",
                "docker:\n  ghcr.io/veilor/veilor-os:\n    use-sigstore-attachments: true\n");
        node.write("/etc/containers/registries.d/tag.yaml", "docker:\n  ghcr.io/veilor/veilor-os:43:\n    lookaside: https://x\n");
        assertTrue(only().contains("(tag.yaml: docker[\"ghcr.io/veilor/veilor-os:43\"]) does not set use-sigstore-attachments: true"),
                only());
        node.write("/etc/containers/registries.d/tag.yaml", "docker:\n  ghcr.io/veilor/veilor-os:\n    use-sigstore-attachments: false\n");
        assertTrue(judge().problems().stream().anyMatch(f -> f.message().equals("scope ghcr.io/veilor/veilor-os is defined in"
                + " tag.yaml and in veilor-veilor-os.yaml; containers/image refuses a scope defined twice")), judge().problems()
                        .toString());
        node.write("/etc/containers/registries.d/tag.yaml", "docker: [unclosed\n");
        assertTrue(only().startsWith("update.signature-registries /etc/containers/registries.d/tag.yaml is not valid YAML"), only());
    }

    @Test
    void theOriginBootcReportsDecidesToo() {
        SignatureCheck.NodePolicy n = judge();
        UpdateReport.Signature insecure = SignatureCheck.of(new BootcHost.Image(Node.IMAGE, "registry", "insecure", "d", null,
                null), n);
        assertEquals("unverified", insecure.state());
        assertTrue(insecure.detail().contains("bootc switch --enforce-container-sigpolicy ghcr.io/veilor/veilor-os:43"));
        assertEquals("unverified", SignatureCheck.of(new BootcHost.Image(Node.IMAGE, "registry", "ostreeRemote:fedora", "d",
                null, null), n).state());
        assertEquals("unknown", SignatureCheck.of(new BootcHost.Image(Node.IMAGE, "registry", null, "d", null, null), n).state());
        assertEquals("unverified", SignatureCheck.of(new BootcHost.Image(Node.IMAGE, "containers-storage", "containerPolicy",
                "d", null, null), n).state());
        assertFalse(SignatureCheck.of(SIGNED, n).detail().isEmpty());
    }
}
