package org.veilor.core.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Image references, policy.json and registries.d judged by the rules of their man pages (fixtures: SOURCES.md). */
class ContainersPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ImageReference VEILOR = ImageReference.parse("ghcr.io/veilor/veilor-os:43");

    @Test
    void referencesAreExpandedAsContainersImageDoes() {
        assertEquals("ghcr.io", VEILOR.registry());
        assertEquals("veilor/veilor-os", VEILOR.path());
        assertEquals("43", VEILOR.tag());
        assertEquals("docker.io/library/busybox:latest", ImageReference.parse("busybox:latest").toString());
        assertEquals("localhost:5000/a/b", ImageReference.parse("docker://localhost:5000/a/b").toString());
        ImageReference pinned = ImageReference.parse("quay.io/fedora/fedora-bootc@sha256:" + "ab".repeat(32));
        assertNull(pinned.tag());
        assertTrue(pinned.sameRepository(ImageReference.parse("quay.io/fedora/fedora-bootc:42")));
        assertFalse(VEILOR.sameRepository(ImageReference.parse("ghcr.io/veilor/other:43")));
        assertEquals(List.of("ghcr.io/veilor/veilor-os:43", "ghcr.io/veilor/veilor-os", "ghcr.io/veilor", "ghcr.io", "*.io"),
                VEILOR.scopes());
        for (String bad : List.of("", "Ghcr.io/Veilor/X", "ghcr.io/veilor/x:", "ghcr.io/a b", "ghcr.io/x@sha256:zz")) {
            assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(bad), bad);
        }
    }

    @Test
    void theSigningModulesPolicyRequiresTheSigstoreKeyForTheImageOnly() throws IOException {
        SignaturePolicy p = SignaturePolicy.parse(resource("bluebuild-signed-policy.json"));
        SignaturePolicy.Requirements r = p.forDocker(VEILOR);
        assertEquals("ghcr.io/veilor/veilor-os", r.scope());
        assertFalse(r.acceptsUnsigned());
        assertEquals("/etc/pki/containers/veilor-os.pub", r.sigstore().get(0).path("keyPath").asText());
        // Any other docker image falls to the transport default, which accepts anything.
        SignaturePolicy.Requirements other = p.forDocker(ImageReference.parse("quay.io/fedora/fedora:43"));
        assertEquals("", other.scope());
        assertTrue(other.acceptsUnsigned());
        assertEquals(List.of("ghcr.io/veilor/veilor-os"), p.dockerScopesOf(VEILOR));
    }

    @Test
    void theMostSpecificScopeWinsAndAllRequirementsMustHold() throws IOException {
        SignaturePolicy p = SignaturePolicy.parse(resource("locked-down-policy.json"));
        assertTrue(p.forDocker(ImageReference.parse("busybox:latest")).acceptsUnsigned());
        assertTrue(p.forDocker(ImageReference.parse("docker.io/openshift/origin:v3")).acceptsUnsigned());
        assertTrue(p.forDocker(ImageReference.parse("registry.temporary-project.example.com/x:1")).acceptsUnsigned());
        SignaturePolicy.Requirements none = p.forDocker(ImageReference.parse("ghcr.io/veilor/veilor-os:43"));
        assertNull(none.scope(), "no docker scope and no transport default: the global default");
        assertTrue(none.rejectsAll());

        JsonNode tagWins = JSON.readTree("""
                {"default":[{"type":"reject"}],"transports":{"docker":{
                 "ghcr.io/veilor/veilor-os":[{"type":"sigstoreSigned","keyPath":"/k.pub"}],
                 "ghcr.io/veilor/veilor-os:43":[{"type":"insecureAcceptAnything"}]}}}""");
        SignaturePolicy.Requirements r = SignaturePolicy.parse(tagWins).forDocker(VEILOR);
        assertEquals("ghcr.io/veilor/veilor-os:43", r.scope());
        assertTrue(r.acceptsUnsigned(), "a tag scope overrides the repository's signature requirement");
        assertFalse(SignaturePolicy.parse(tagWins).forDocker(VEILOR.withTag("latest")).acceptsUnsigned());

        JsonNode both = JSON.readTree("""
                {"default":[{"type":"reject"}],"transports":{"docker":{"ghcr.io/veilor":[
                 {"type":"insecureAcceptAnything"},{"type":"sigstoreSigned","keyPath":"/k.pub"}]}}}""");
        assertFalse(SignaturePolicy.parse(both).forDocker(VEILOR).acceptsUnsigned(),
                "insecureAcceptAnything beside sigstoreSigned still needs the signature");
    }

    @Test
    void aPolicyThatContainersImageWouldRefuseIsRefused() throws IOException {
        for (String bad : List.of("[]", "{}", "{\"default\":[]}", "{\"default\":[{}]}",
                "{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"docker\":{\"x.io\":[]}}}")) {
            assertThrows(IllegalArgumentException.class, () -> SignaturePolicy.parse(JSON.readTree(bad)), bad);
        }
    }

    @Test
    void registriesDirectoryUsesTheMostPreciseScopeAndRefusesDuplicates() throws IOException {
        Map<String, JsonNode> files = new LinkedHashMap<>();
        files.put("default.yaml", JSON.readTree("{\"docker\":{\"ghcr.io\":{\"lookaside\":\"https://x\"}}}"));
        files.put("veilor-veilor-os.yaml", JSON.readTree(
                "{\"docker\":{\"ghcr.io/veilor/veilor-os\":{\"use-sigstore-attachments\":true}}}"));
        files.put("notes.txt", JSON.readTree("{\"docker\":{\"ghcr.io/veilor/veilor-os\":{}}}"));
        RegistriesDirectory d = RegistriesDirectory.of(files);
        assertTrue(d.problems().isEmpty(), d.problems().toString());
        RegistriesDirectory.Section s = d.sectionFor(VEILOR).orElseThrow();
        assertTrue(s.useSigstoreAttachments());
        assertEquals("veilor-veilor-os.yaml: docker[\"ghcr.io/veilor/veilor-os\"]", s.describe());
        assertFalse(d.sectionFor(ImageReference.parse("ghcr.io/other/x:1")).orElseThrow().useSigstoreAttachments(),
                "only the most precise section applies; ghcr.io's has no attachments");

        files.put("zz-override.yaml", JSON.readTree(
                "{\"docker\":{\"ghcr.io/veilor/veilor-os\":{\"use-sigstore-attachments\":false}},\"default-docker\":{}}"));
        RegistriesDirectory dup = RegistriesDirectory.of(files);
        assertEquals(List.of("scope ghcr.io/veilor/veilor-os is defined in veilor-veilor-os.yaml and in zz-override.yaml;"
                + " containers/image refuses a scope defined twice"), dup.problems());
        assertTrue(RegistriesDirectory.of(Map.of("d.yaml", JSON.readTree("{\"default-docker\":{\"use-sigstore-attachments\":true}}")))
                .sectionFor(VEILOR).orElseThrow().useSigstoreAttachments());
        assertTrue(RegistriesDirectory.of(Map.of()).sectionFor(VEILOR).isEmpty());
    }

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = ContainersPolicyTest.class.getResourceAsStream(name)) {
            return JSON.readTree(in);
        }
    }
}
