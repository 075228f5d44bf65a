package org.veilor.update.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.veilor.core.Finding;
import org.veilor.core.Host;
import org.veilor.core.containers.ImageReference;
import org.veilor.core.containers.RegistriesDirectory;
import org.veilor.core.containers.SignaturePolicy;
import org.veilor.update.UpdateReport;

/**
 * Whether this node verifies the image's signature: {@code /etc/containers/policy.json} must require
 * a sigstore signature by the image's shipped {@code cosign.pub} for the image (the most specific
 * scope wins, containers-policy.json(5)); the registries.d section for the image must read sigstore
 * attachments (containers-registries.d(5)); and bootc must fetch through that policy (signature
 * {@code containerPolicy}, not {@code insecure}).
 */
public final class SignatureCheck {

    public static final String POLICY = "/etc/containers/policy.json";
    public static final String REGISTRIES_D = "/etc/containers/registries.d";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    /**
     * The node's verdict for one image.
     *
     * @param problems what makes signatures unverified on this node (empty: the policy holds)
     * @param how how a good signature is required, for the verified detail
     */
    public record NodePolicy(List<Finding> problems, String how) {

        public boolean holds() {
            return problems.isEmpty();
        }
    }

    private SignatureCheck() {
    }

    /** Judges the node's files for an image (the booted one, else the configured one). */
    public static NodePolicy node(Host host, ImageReference image, String publicKeyPath) {
        List<Finding> problems = new ArrayList<>();
        String shipped = readKey(host, publicKeyPath, problems);
        String how = policy(host, image, shipped, publicKeyPath, problems);
        registries(host, image, problems);
        return new NodePolicy(problems, how);
    }

    /** The signature state of one deployment: its origin as bootc reports it, and the node's policy. */
    public static UpdateReport.Signature of(BootcHost.Image image, NodePolicy node) {
        String sig = image.signature();
        if (sig == null) {
            return new UpdateReport.Signature("unknown", "bootc does not say how " + image.image()
                    + " is verified (no signature in its image reference)");
        }
        if (sig.equals("insecure")) {
            return new UpdateReport.Signature("unverified", "deployed from an unverified origin (bootc signature: insecure,"
                    + " ostree-unverified-registry): bootc fetches it without checking any signature; switch to the"
                    + " signed origin with bootc switch --enforce-container-sigpolicy " + image.image());
        }
        if (sig.startsWith("ostreeRemote:")) {
            return new UpdateReport.Signature("unverified", "checked against the OSTree remote '"
                    + sig.substring("ostreeRemote:".length()) + "', not the image's sigstore signature");
        }
        if (!sig.equals("containerPolicy")) {
            return new UpdateReport.Signature("unknown", "bootc reports signature '" + sig + "', which this agent does not know");
        }
        if (!"registry".equals(image.transport())) {
            return new UpdateReport.Signature("unverified", "fetched over transport '" + image.transport()
                    + "', not from the registry: no registry signature applies");
        }
        if (!node.holds()) {
            return new UpdateReport.Signature("unverified", node.problems().get(0).message()
                    + (node.problems().size() > 1 ? " (and " + (node.problems().size() - 1) + " more)" : ""));
        }
        return new UpdateReport.Signature("verified", node.how());
    }

    private static String readKey(Host host, String path, List<Finding> problems) {
        try {
            if (!host.exists(path)) {
                problems.add(Finding.error("update.signature-key", "the image's signing key is not at " + path
                        + " (the image ships it there): the key the policy requires cannot be checked", path));
                return null;
            }
            String body = pemBody(host.readString(path));
            if (body == null) {
                problems.add(Finding.error("update.signature-key", path + " is not a PEM public key", path));
            }
            return body;
        } catch (IOException e) {
            problems.add(Finding.error("update.signature-key", "cannot read " + path + ": " + e.getMessage(), path));
            return null;
        }
    }

    private static String policy(Host host, ImageReference image, String shipped, String keyPath, List<Finding> problems) {
        SignaturePolicy policy;
        try {
            if (!host.exists(POLICY)) {
                problems.add(Finding.error("update.signature-policy", "there is no " + POLICY
                        + ": containers/image then refuses every image, and nothing requires the image's signature", POLICY));
                return null;
            }
            policy = SignaturePolicy.parse(JSON.readTree(host.readString(POLICY)));
        } catch (IOException | IllegalArgumentException e) {
            problems.add(Finding.error("update.signature-policy", POLICY + " cannot be used: " + e.getMessage()
                    + " (containers/image rejects the whole file)", POLICY));
            return null;
        }
        SignaturePolicy.Requirements r = policy.forDocker(image);
        String where = POLICY + " " + r.where();
        if (r.acceptsUnsigned()) {
            problems.add(Finding.error("update.unsigned", "the policy accepts unsigned images for " + image.repository()
                    + ": " + where + " is " + r.types() + "; it must require sigstoreSigned with the image's cosign.pub", POLICY));
            return null;
        }
        if (r.rejectsAll()) {
            problems.add(Finding.error("update.signature-policy", "the policy rejects every image of " + image.repository()
                    + " (" + where + " holds reject): no update can be fetched", POLICY));
            return null;
        }
        List<JsonNode> sigstore = r.sigstore();
        if (sigstore.isEmpty()) {
            problems.add(Finding.error("update.signature-policy", "the policy does not require a sigstore signature for "
                    + image.repository() + " (" + where + " is " + r.types() + "); the image is signed with cosign", POLICY));
            return null;
        }
        if (shipped == null) {
            return null;
        }
        for (JsonNode req : sigstore) {
            String key = policyKey(host, req, problems);
            if (key != null && !key.equals(shipped)) {
                problems.add(Finding.error("update.signature-key", "the policy requires signatures by another key than the"
                        + " image's cosign.pub (" + keyPath + "): " + where + " uses "
                        + (req.has("keyPath") ? req.path("keyPath").asText() : "keyData"), POLICY));
                return null;
            }
            if (key == null) {
                return null;
            }
        }
        return "sigstore signature by the image's cosign.pub, required by " + where;
    }

    private static String policyKey(Host host, JsonNode req, List<Finding> problems) {
        try {
            if (req.hasNonNull("keyData")) {
                return pemBody(new String(Base64.getDecoder().decode(req.path("keyData").asText()),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            String path = req.path("keyPath").asText("");
            if (path.isEmpty() || !host.exists(path)) {
                problems.add(Finding.error("update.signature-key", "the policy's sigstore key " + (path.isEmpty() ? "(none)" : path)
                        + " does not exist: every image of the repository is refused", POLICY));
                return null;
            }
            return pemBody(host.readString(path));
        } catch (IOException | IllegalArgumentException e) {
            problems.add(Finding.error("update.signature-key", "cannot read the policy's sigstore key: " + e.getMessage(), POLICY));
            return null;
        }
    }

    private static void registries(Host host, ImageReference image, List<Finding> problems) {
        Map<String, JsonNode> files = new LinkedHashMap<>();
        try {
            for (String f : host.list(REGISTRIES_D)) {
                if (f.endsWith(".yaml")) {
                    String name = f.substring(f.lastIndexOf('/') + 1);
                    try {
                        files.put(name, YAML.readTree(host.readString(f)));
                    } catch (IOException e) {
                        problems.add(Finding.error("update.signature-registries", f + " is not valid YAML: " + e.getMessage(), f));
                    }
                }
            }
        } catch (IOException e) {
            problems.add(Finding.error("update.signature-registries", "cannot list " + REGISTRIES_D + ": " + e.getMessage(),
                    REGISTRIES_D));
            return;
        }
        RegistriesDirectory d = RegistriesDirectory.of(files);
        d.problems().forEach(p -> problems.add(Finding.error("update.signature-registries", p, REGISTRIES_D)));
        Optional<RegistriesDirectory.Section> s = d.sectionFor(image);
        if (s.isEmpty()) {
            problems.add(Finding.error("update.signature-registries", "no file in " + REGISTRIES_D + " configures "
                    + image.repository() + ": sigstore signatures attached to the image are not read, so verification fails",
                    REGISTRIES_D));
        } else if (!s.get().useSigstoreAttachments()) {
            problems.add(Finding.error("update.signature-registries", "the section that applies to " + image.repository() + " ("
                    + s.get().describe() + ") does not set use-sigstore-attachments: true", REGISTRIES_D + "/" + s.get().file()));
        }
    }

    /** The base64 body of a PEM public key, whitespace removed; null when it is not one. */
    static String pemBody(String pem) {
        int begin = pem.indexOf("-----BEGIN PUBLIC KEY-----");
        int end = pem.indexOf("-----END PUBLIC KEY-----");
        if (begin < 0 || end < begin) {
            return null;
        }
        String body = pem.substring(begin + "-----BEGIN PUBLIC KEY-----".length(), end).replaceAll("\\s+", "");
        return body.isEmpty() ? null : body;
    }
}
