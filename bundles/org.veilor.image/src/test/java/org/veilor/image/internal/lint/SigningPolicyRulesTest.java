package org.veilor.image.internal.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.Finding;
import org.veilor.image.internal.LintFixtures;

/**
 * A recipe whose policy would let nodes accept unsigned veilor images is refused; what the BlueBuild
 * signing module does to the tree's policy (replace a permissive one, add the image's entry unless
 * the tree has one) is taken into account, and scopes are matched as containers-policy.json(5) says.
 */
class SigningPolicyRulesTest {

    private static final String POLICY = "files/system/etc/containers/policy.json";
    private static final String REJECT_DEFAULT = "{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"docker\":{%s}}}";

    @TempDir
    Path dir;
    Path tree;

    @BeforeEach
    void render() throws IOException {
        tree = LintFixtures.cleanTree(dir);
        assertEquals(List.of(), signing(), "the clean tree: the signing module's own policy");
    }

    private List<Finding> signing() throws IOException {
        return new ImageLinter().lint(tree, new LintExpectations(true, true, false), null).stream()
                .filter(f -> f.code().equals("image.signing-policy")).toList();
    }

    private void write(String rel, String text) throws IOException {
        Files.createDirectories(tree.resolve(rel).getParent());
        Files.writeString(tree.resolve(rel), text);
    }

    private String only() throws IOException {
        List<Finding> f = signing();
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).isError(), f.toString());
        return f.get(0).message();
    }

    @Test
    void aPermissivePolicyIsReplacedByTheModulesTemplate() throws IOException {
        write(POLICY, "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}");
        assertEquals(List.of(), signing());
    }

    @Test
    void anEntryTheTreeAlreadyHasForTheImageWins() throws IOException {
        write(POLICY, REJECT_DEFAULT.formatted("\"ghcr.io/veilor/veilor-os\":[{\"type\":\"insecureAcceptAnything\"}]"));
        assertTrue(only().startsWith(POLICY + " after the signing module would let nodes accept unsigned images of"
                + " ghcr.io/veilor/veilor-os:latest, ghcr.io/veilor/veilor-os:43: transports.docker[\"ghcr.io/veilor/veilor-os\"] is"
                + " [insecureAcceptAnything]"),
                only());
    }

    @Test
    void aTagScopeOverridesTheImagesSignatureButANamespaceDoesNot() throws IOException {
        write(POLICY, REJECT_DEFAULT.formatted("\"ghcr.io/veilor/veilor-os:43\":[{\"type\":\"insecureAcceptAnything\"}]"));
        assertTrue(only().contains("unsigned images of ghcr.io/veilor/veilor-os:43"), only());
        write(POLICY, REJECT_DEFAULT.formatted("\"ghcr.io/veilor\":[{\"type\":\"insecureAcceptAnything\"}],"
                + "\"\":[{\"type\":\"insecureAcceptAnything\"}]"));
        assertEquals(List.of(), signing(), "the module's repository entry is more specific than the namespace");
    }

    @Test
    void theOverlayPolicyIsTheOneNodesGet() throws IOException {
        write(POLICY, REJECT_DEFAULT.formatted("\"ghcr.io/veilor/veilor-os\":[{\"type\":\"insecureAcceptAnything\"}]"));
        write("files/overlay/etc/containers/policy.json", "{\"default\":[{\"type\":\"reject\"}]}");
        assertEquals(List.of(), signing());
    }

    @Test
    void anotherKeyRejectingAllAndBrokenJsonAreErrors() throws IOException {
        write(POLICY, REJECT_DEFAULT.formatted("\"ghcr.io/veilor/veilor-os\":[{\"type\":\"sigstoreSigned\","
                + "\"keyPath\":\"/etc/pki/containers/someone-else.pub\"}]"));
        assertTrue(only().contains("requires another key than the image's cosign.pub"), only());
        write(POLICY, REJECT_DEFAULT.formatted("\"ghcr.io/veilor/veilor-os\":[{\"type\":\"reject\"}]"));
        assertTrue(only().contains("rejects every image of ghcr.io/veilor/veilor-os:latest"), only());
        write(POLICY, "{\"default\": [{\"type\": \"reject\"}],");
        assertTrue(only().startsWith(POLICY + " cannot be used"), only());
    }

    @Test
    void registriesDMustLetNodesReadTheSignature() throws IOException {
        write("files/system/etc/containers/registries.d/zz.yaml",
                "docker:\n  ghcr.io/veilor/veilor-os:43:\n    lookaside: https://example.org\n");
        assertTrue(only().startsWith("registries.d section zz.yaml: docker[\"ghcr.io/veilor/veilor-os:43\"] applies to"), only());
        write("files/system/etc/containers/registries.d/zz.yaml",
                "docker:\n  ghcr.io/veilor/veilor-os:\n    use-sigstore-attachments: true\n");
        assertTrue(only().startsWith("registries.d: scope ghcr.io/veilor/veilor-os is defined in veilor-veilor-os.yaml and in"
                + " zz.yaml"), only());
        write("files/system/etc/containers/registries.d/veilor-veilor-os.yaml", "docker: {}\n");
        Files.delete(tree.resolve("files/system/etc/containers/registries.d/zz.yaml"));
        assertEquals(List.of(), signing(), "the module's own file replaces a tree file of the same name");
    }
}
