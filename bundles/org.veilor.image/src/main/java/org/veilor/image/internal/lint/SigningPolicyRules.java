package org.veilor.image.internal.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.veilor.core.Finding;
import org.veilor.core.containers.ImageReference;
import org.veilor.core.containers.RegistriesDirectory;
import org.veilor.core.containers.SignaturePolicy;
import org.veilor.image.internal.Workflow;

/**
 * The signature policy the image gives nodes must require the image's own sigstore signature: a
 * recipe whose {@code policy.json} would let nodes accept unsigned veilor images is refused.
 *
 * <p>What the BlueBuild {@code signing} module does at build time (blue-build/modules
 * {@code modules/signing/signing.sh} @ 6a5f88b, image-kickstart-seed-enrol.md §1.5) is replayed on
 * the policy the tree brings ({@code files/system} then {@code files/overlay}: the files module
 * copies both, the overlay last): a policy whose {@code default[0]} is insecureAcceptAnything is
 * replaced by the module's template; then {@code transports.docker["REGISTRY/NAMESPACE/NAME"]} is
 * added as sigstoreSigned with {@code /etc/pki/containers/NAME.pub} — but jq's object addition
 * keeps an entry the tree already has for that key. The result is judged as containers/image would
 * (the most specific scope wins) for the image's tags and every tag or digest scope the policy
 * names. The module's registries.d file ({@code NAMESPACE-NAME.yaml}) is judged with the tree's.
 */
final class SigningPolicyRules implements LintRule {

    static final String SYSTEM_POLICY = "files/system/etc/containers/policy.json";
    static final String OVERLAY_POLICY = "files/overlay/etc/containers/policy.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    /**
     * The docker part of the signing module's template policy.json (modules/signing/policy.json @
     * 2ff118d); its other transports do not apply to registry images.
     */
    private static final String TEMPLATE = """
            {"default": [{"type": "reject"}],
             "transports": {"docker": {
               "registry.access.redhat.com": [{"type": "signedBy", "keyType": "GPGKeys", "keyPath": "/etc/pki/rpm-gpg/RPM-GPG-KEY-redhat-release"}],
               "registry.redhat.io": [{"type": "signedBy", "keyType": "GPGKeys", "keyPath": "/etc/pki/rpm-gpg/RPM-GPG-KEY-redhat-release"}],
               "": [{"type": "insecureAcceptAnything"}]}}}""";

    @Override
    public void check(LintContext t, List<Finding> out) throws IOException {
        JsonNode recipe = t.recipe();
        if (recipe == null || t.modules("signing").isEmpty()) {
            return; // TreeRules reports the missing signing module
        }
        ImageReference image = image(t);
        if (image == null) {
            return; // no usable workflow: TreeRules reports it
        }
        String file = t.texts().containsKey(OVERLAY_POLICY) ? OVERLAY_POLICY
                : t.texts().containsKey(SYSTEM_POLICY) ? SYSTEM_POLICY : null;
        SignaturePolicy policy;
        try {
            policy = SignaturePolicy.parse(afterSigningModule(file == null ? null : JSON.readTree(t.texts().get(file)), image));
        } catch (IOException | IllegalArgumentException e) {
            out.add(Finding.error("image.signing-policy", file + " cannot be used: " + e.getMessage()
                    + " (containers/image rejects the whole file, and nodes could not pull any image)", file));
            return;
        }
        String where = file == null ? "the signing module's policy.json" : file + " after the signing module";
        String key = "/etc/pki/containers/" + image.path().substring(image.path().lastIndexOf('/') + 1) + ".pub";
        // One finding per policy scope, naming every published reference it decides.
        Map<String, SignaturePolicy.Requirements> byScope = new LinkedHashMap<>();
        Map<String, List<String>> refs = new LinkedHashMap<>();
        for (ImageReference ref : judged(policy, image, recipe)) {
            SignaturePolicy.Requirements r = policy.forDocker(ref);
            byScope.putIfAbsent(r.where(), r);
            refs.computeIfAbsent(r.where(), k -> new ArrayList<>()).add(ref.toString());
        }
        byScope.forEach((scope, r) -> {
            String of = String.join(", ", refs.get(scope));
            if (r.acceptsUnsigned()) {
                out.add(Finding.error("image.signing-policy", where + " would let nodes accept unsigned images of " + of
                        + ": " + scope + " is " + r.types() + "; the veilor image must require its sigstore signature", file));
            } else if (r.rejectsAll()) {
                out.add(Finding.error("image.signing-policy", where + " rejects every image of " + of + " (" + scope
                        + "): nodes could never update", file));
            } else if (r.sigstore().isEmpty()) {
                out.add(Finding.error("image.signing-policy", where + " does not require the sigstore signature for " + of
                        + " (" + scope + " is " + r.types() + ")", file));
            } else if (r.sigstore().stream().anyMatch(q -> !key.equals(q.path("keyPath").asText(null)))) {
                out.add(Finding.error("image.signing-policy", where + " requires another key than the image's cosign.pub for "
                        + of + " (" + scope + "; the image's key is " + key + ")", file));
            }
        });
        registries(t, image, out);
        t.buildCode().forEach((loc, code) -> {
            if (code.contains("policy.json") && code.contains(SignaturePolicy.ACCEPT_ANYTHING)) {
                out.add(Finding.warning("image.signing-policy", "a build step edits policy.json with insecureAcceptAnything;"
                        + " lint cannot tell whether nodes would accept unsigned veilor images", loc));
            }
        });
    }

    /** The image the recipe publishes: the workflow's registry and namespace, the recipe's name (lower-cased, as BlueBuild does). */
    static ImageReference image(LintContext t) {
        String wf = t.texts().get(Workflow.PATH);
        if (wf == null) {
            return null;
        }
        try {
            for (JsonNode job : YAML.readTree(wf).path("jobs")) {
                for (JsonNode step : job.path("steps")) {
                    JsonNode with = step.path("with");
                    if (step.path("uses").asText("").startsWith("blue-build/github-action@") && with.has("registry")) {
                        return ImageReference.parse((with.path("registry").asText() + "/" + with.path("registry_namespace").asText()
                                + "/" + t.recipe().path("name").asText()).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    /** The policy nodes get: the tree's, as signing.sh changes it. */
    static JsonNode afterSigningModule(JsonNode tree, ImageReference image) throws IOException {
        ObjectNode p = (ObjectNode) (tree == null || !tree.isObject()
                || "insecureAcceptAnything".equals(tree.path("default").path(0).path("type").asText(null))
                        ? JSON.readTree(TEMPLATE) : tree.deepCopy());
        ObjectNode transports = p.has("transports") && p.get("transports").isObject() ? (ObjectNode) p.get("transports")
                : p.putObject("transports");
        JsonNode had = transports.path("docker");
        ObjectNode docker = JSON.createObjectNode();
        ArrayNode entry = docker.putArray(image.repository());
        String name = image.path().substring(image.path().lastIndexOf('/') + 1);
        entry.addObject().put("type", "sigstoreSigned").put("keyPath", "/etc/pki/containers/" + name + ".pub")
                .putObject("signedIdentity").put("type", "matchRepository");
        if (had.isObject()) {
            had.fields().forEachRemaining(e -> docker.set(e.getKey(), e.getValue())); // jq's "+": the existing entry wins
        }
        transports.set("docker", docker);
        return p;
    }

    /** The references to judge: the published tags and every tag or digest scope the policy names for the image. */
    private static List<ImageReference> judged(SignaturePolicy policy, ImageReference image, JsonNode recipe) {
        Set<String> refs = new LinkedHashSet<>();
        refs.add(image.withTag("latest").toString());
        String version = recipe.path("image-version").asText("");
        if (version.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
            refs.add(image.withTag(version).toString());
        }
        refs.addAll(policy.dockerScopesOf(image));
        Map<String, ImageReference> out = new LinkedHashMap<>();
        for (String r : refs) {
            try {
                ImageReference ref = ImageReference.parse(r);
                ref = ref.tag() == null && ref.digest() == null ? ref.withTag("latest") : ref;
                out.putIfAbsent(ref.toString(), ref);
            } catch (IllegalArgumentException e) {
                // a scope that is not a reference cannot match the image
            }
        }
        return List.copyOf(out.values());
    }

    private static void registries(LintContext t, ImageReference image, List<Finding> out) {
        Map<String, JsonNode> files = new LinkedHashMap<>();
        for (String prefix : List.of("files/system/etc/containers/registries.d/", "files/overlay/etc/containers/registries.d/")) {
            t.texts(prefix).forEach((path, text) -> {
                try {
                    files.put(path.substring(prefix.length()), YAML.readTree(text));
                } catch (IOException e) {
                    out.add(Finding.error("image.signing-policy", path + " is not valid YAML: " + e.getMessage(), path));
                }
            });
        }
        String ns = image.path().contains("/") ? image.path().substring(0, image.path().lastIndexOf('/')) : image.registry();
        String name = image.path().substring(image.path().lastIndexOf('/') + 1);
        // The module moves its file over any tree file of the same name.
        files.put(ns.substring(ns.lastIndexOf('/') + 1) + "-" + name + ".yaml",
                JSON.createObjectNode().set("docker", JSON.createObjectNode().set(image.repository(),
                        JSON.createObjectNode().put(RegistriesDirectory.SIGSTORE_ATTACHMENTS, true))));
        RegistriesDirectory d = RegistriesDirectory.of(files);
        d.problems().forEach(p -> out.add(Finding.error("image.signing-policy", "registries.d: " + p,
                "files/system/etc/containers/registries.d/")));
        Set<RegistriesDirectory.Section> judged = new LinkedHashSet<>(d.sectionsOf(image));
        d.sectionFor(image.withTag("latest")).ifPresent(judged::add);
        for (RegistriesDirectory.Section s : judged) {
            if (!s.useSigstoreAttachments()) {
                out.add(Finding.error("image.signing-policy", "registries.d section " + s.describe() + " applies to "
                        + image.repository() + " but does not read sigstore attachments: nodes could not verify the image",
                        s.file()));
            }
        }
    }
}
