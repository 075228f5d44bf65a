package org.veilor.image.internal.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.veilor.core.Finding;
import org.veilor.image.internal.NodeRuntime;
import org.veilor.image.internal.Workflow;

/**
 * The shape of the tree: the base image, cosign.pub and the signed publish workflow, files only where
 * ostree keeps them, and the node runtime the image must carry.
 */
final class TreeRules implements LintRule {

    /** Paths ostree turns into symlinks or state: image content there is lost or hidden. */
    private static final List<String> NOT_IMAGE = List.of("/home/", "/opt/", "/srv/", "/root/", "/usr/local/", "/mnt/",
            "/tmp/", "/var/");

    @Override
    public void check(LintContext t, List<Finding> out) throws IOException {
        JsonNode r = t.recipe();
        if (r != null) {
            String base = r.path("base-image").asText("");
            if (base.endsWith("-userns") || base.contains("/securecore-kinoite")) {
                out.add(Finding.warning("image.base-retired", "base image " + base + " is not published: secureblue dropped its"
                        + " -userns variants (user namespaces are now restricted by SELinux) and securecore-* is its server line;"
                        + " use ghcr.io/secureblue/kinoite-main-hardened", LintContext.RECIPE + " base-image"));
            }
            if (t.modules("signing").isEmpty()) {
                out.add(Finding.error("image.signing", "no signing module: machines could not verify the image's signature",
                        LintContext.RECIPE));
            }
        }
        if (!Files.isRegularFile(t.tree().resolve("cosign.pub"))) {
            String msg = "no cosign.pub at the tree's root: the signing module and `cosign verify` need it (cosign"
                    + " generate-key-pair; configure cosignPublicKey)";
            out.add(t.expect().publicIso() ? Finding.error("image.cosign-pub", msg + "; required while publicIso is set", "cosign.pub")
                    : Finding.warning("image.cosign-pub", msg, "cosign.pub"));
        }
        workflow(t, out);
        for (String file : t.texts().keySet()) {
            paths(file, out);
        }
        nodeRuntime(t, out);
    }

    private static void paths(String file, List<Finding> out) {
        String image = null;
        if (file.startsWith("files/system/")) {
            image = file.substring("files/system".length());
        } else if (file.startsWith("files/overlay/")) {
            image = file.substring("files/overlay".length());
        }
        if (image == null) {
            return;
        }
        for (String bad : NOT_IMAGE) {
            if (image.startsWith(bad)) {
                out.add(Finding.error("image.ostree-path", image + " is under " + bad + ", which ostree does not keep as image"
                        + " content; place files under /usr or /etc", file));
            }
        }
    }

    private static void workflow(LintContext t, List<Finding> out) {
        String text = t.texts().get(Workflow.PATH);
        if (text == null) {
            out.add(Finding.error("image.workflow", "no publish workflow " + Workflow.PATH, Workflow.PATH));
            return;
        }
        JsonNode w;
        try {
            w = new YAMLMapper().readTree(text);
        } catch (IOException e) {
            out.add(Finding.error("image.workflow", Workflow.PATH + " is not valid YAML: " + e.getMessage(), Workflow.PATH));
            return;
        }
        JsonNode build = null;
        for (JsonNode job : w.path("jobs")) {
            for (JsonNode step : job.path("steps")) {
                if (step.path("uses").asText("").startsWith("blue-build/github-action@")) {
                    build = job;
                    String key = step.path("with").path("cosign_private_key").asText("");
                    if (!key.matches("\\$\\{\\{\\s*secrets\\.[A-Z0-9_]+\\s*}}")) {
                        out.add(Finding.error("image.workflow", "cosign_private_key must come from a repository secret"
                                + " (${{ secrets.SIGNING_SECRET }})", Workflow.PATH));
                    }
                    if (!step.path("with").has("pr_event_number")) {
                        out.add(Finding.error("image.workflow", "blue-build/github-action needs pr_event_number", Workflow.PATH));
                    }
                }
            }
        }
        if (build == null) {
            out.add(Finding.error("image.workflow", "no job uses blue-build/github-action", Workflow.PATH));
            return;
        }
        JsonNode perms = build.path("permissions");
        if (!"read".equals(perms.path("contents").asText()) || !"write".equals(perms.path("packages").asText())
                || !"write".equals(perms.path("id-token").asText())) {
            out.add(Finding.error("image.workflow", "the build job needs permissions contents: read, packages: write,"
                    + " id-token: write", Workflow.PATH));
        }
        if (!w.path("on").has("schedule")) {
            out.add(Finding.error("image.workflow", "no schedule: base-image fixes would not reach machines until the next push",
                    Workflow.PATH));
        }
        if (!text.contains("trivy") && !text.contains("grype")) {
            out.add(Finding.error("image.workflow", "no vulnerability-scan job", Workflow.PATH));
        }
    }

    private static void nodeRuntime(LintContext t, List<Finding> out) {
        if (t.recipe() == null) {
            return;
        }
        if (t.installs().stream().noneMatch(p -> p.name().equals(NodeRuntime.JRE_PACKAGE))) {
            out.add(Finding.error("image.node-runtime", "the image installs no " + NodeRuntime.JRE_PACKAGE
                    + "; the node agent cannot run", LintContext.RECIPE));
        }
        if (!Files.isRegularFile(t.tree().resolve("files/" + NodeRuntime.TARBALL))) {
            out.add(Finding.error("image.node-runtime", "the veilor distribution is not in the tree (files/" + NodeRuntime.TARBALL + ")",
                    "files/" + NodeRuntime.TARBALL));
        }
        if (!t.units("system", "enabled").contains(NodeRuntime.UNIT)) {
            out.add(Finding.error("image.node-runtime", NodeRuntime.UNIT + " is not enabled", LintContext.RECIPE));
        }
    }
}
