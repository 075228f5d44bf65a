package org.veilor.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.image.internal.lint.ImageLinter;

/**
 * The default tree against facts from image-kickstart-seed-enrol.md §1 (not against itself): layout
 * (§1.1), recipe keys (§1.2), modules and their shapes (§1.5), action inputs, secret and permissions
 * (§1.8), the schema (§1.9) and secureblue's names and files (§1.11).
 */
class SpecFactsTest {

    @TempDir
    static Path dir;
    static Path tree;
    static JsonNode recipe;
    static JsonNode workflow;

    @BeforeAll
    static void render() throws IOException {
        tree = dir.resolve("tree");
        TestTrees.assertNoErrors(TestTrees.render(tree, TestTrees.settings(dir, Map.of()), List.of(), false));
        recipe = new YAMLMapper().readTree(tree.resolve("recipes/recipe.yml").toFile());
        workflow = new YAMLMapper().readTree(tree.resolve(".github/workflows/build-bluebuild.yml").toFile());
    }

    @Test
    void layoutIsWhatTheCliExpects() {
        // §1.1: recipes/recipe.yml, files/, cosign.pub at the root, never cosign.key.
        assertTrue(Files.isRegularFile(tree.resolve("recipes/recipe.yml")));
        assertTrue(Files.isRegularFile(tree.resolve("cosign.pub")));
        assertFalse(Files.exists(tree.resolve("cosign.key")));
        assertFalse(Files.exists(tree.resolve("config")), "the legacy config/ folder is deprecated");
        assertTrue(Files.isRegularFile(tree.resolve("files/justfiles/veilor-browsers.just")));
        assertTrue(Files.isRegularFile(tree.resolve("files/systemd/system/veilor.service")));
    }

    @Test
    void recipeIsV1WithTheSchemaCommentFirst() throws IOException {
        String first = Files.readAllLines(tree.resolve("recipes/recipe.yml")).get(0);
        assertEquals("# yaml-language-server: $schema=https://schema.blue-build.org/recipe-v1.json", first);
        for (String required : List.of("name", "description", "base-image", "image-version", "modules")) {
            assertTrue(recipe.has(required), required);
        }
        assertFalse(recipe.has("version"), "recipe v2 is experimental; v1 has no version key");
        assertEquals("ghcr.io/secureblue/kinoite-main-hardened", recipe.get("base-image").asText());
        assertEquals(43, recipe.get("image-version").asInt());
        assertEquals("veilor-os", recipe.get("name").asText());
    }

    @Test
    void modulesHaveTheCurrentShapes() {
        List<String> types = new ArrayList<>();
        recipe.get("modules").forEach(m -> types.add(m.get("type").asText()));
        assertEquals(List.of("dnf", "files", "script", "systemd", "justfiles", "signing", "os-release"), types);
        JsonNode dnf = module("dnf");
        // §1.5: in dnf, install is an object with packages (a bare list is a schema error).
        assertTrue(dnf.get("install").isObject());
        assertTrue(dnf.get("install").get("packages").isArray());
        List<String> packages = new ArrayList<>();
        dnf.get("install").get("packages").forEach(p -> packages.add(p.asText()));
        assertTrue(packages.containsAll(List.of("java-21-openjdk-headless", "sudo", "mullvad-browser")), packages.toString());
        assertFalse(packages.stream().anyMatch(p -> p.contains("thorium")));
        JsonNode file = module("files").get("files").get(0);
        assertEquals("system", file.get("source").asText());
        assertEquals("/", file.get("destination").asText());
        assertEquals("veilor.service", module("systemd").get("system").get("enabled").get(0).asText());
        assertTrue(module("signing").size() == 1, "signing takes no options");
        // §1.5: os-release should run last; never change ID.
        assertEquals("os-release", types.get(types.size() - 1));
        assertFalse(module("os-release").get("properties").has("ID"));
        assertTrue(module("justfiles").get("validate").asBoolean());
    }

    @Test
    void noKargsModuleWithoutKernelArguments() {
        recipe.get("modules").forEach(m -> assertFalse(m.get("type").asText().startsWith("kargs")));
    }

    @Test
    void strategyOverridesFollowSecureblueFacts() throws IOException {
        // §1.11: Xwayland is disabled by this exact user-unit drop-in.
        String x = TestTrees.read(tree.resolve("files/scripts/veilor-restore-xwayland.sh"));
        assertTrue(x.contains("/etc/systemd/user/plasma-kwin_wayland.service.d/override.conf"));
        assertTrue(x.contains("rm -f \"$dropin\""));
        String mime = TestTrees.read(tree.resolve("files/system/etc/xdg/mimeapps.list"));
        assertTrue(mime.contains("x-scheme-handler/https=trivalent.desktop"));
        assertTrue(mime.contains("text/html=trivalent.desktop"));
    }

    @Test
    void workflowUsesTheActionWithTheSecretAndPermissions() {
        // §1.8: cosign_private_key and pr_event_number are required inputs; the permissions the template uses.
        JsonNode build = workflow.get("jobs").get("bluebuild");
        JsonNode step = build.get("steps").get(0);
        assertTrue(step.get("uses").asText().startsWith("blue-build/github-action@v1."));
        assertEquals("${{ secrets.SIGNING_SECRET }}", step.get("with").get("cosign_private_key").asText());
        assertEquals("${{ github.event.number }}", step.get("with").get("pr_event_number").asText());
        assertEquals("ghcr.io", step.get("with").get("registry").asText());
        assertEquals("veilor", step.get("with").get("registry_namespace").asText());
        JsonNode p = build.get("permissions");
        assertEquals("read", p.get("contents").asText());
        assertEquals("write", p.get("packages").asText());
        assertEquals("write", p.get("id-token").asText());
        assertTrue(workflow.get("on").has("schedule"));
        assertTrue(workflow.get("jobs").has("vulnerability-scan"));
        assertTrue(workflow.get("jobs").get("vulnerability-scan").toString().contains("ghcr.io/veilor/veilor-os:43"));
    }

    @Test
    void recipeValidatesAgainstTheBlueBuildSchema() {
        assertEquals(List.of(), new ImageLinter().schema().validateRecipe(recipe, "recipes/recipe.yml"));
    }

    @Test
    void defaultTreeLintsWithoutErrorsOrWarnings() throws IOException {
        var findings = new ImageLinter().lint(tree, new org.veilor.image.internal.lint.LintExpectations(true, true, false), null);
        assertEquals(List.of(), findings.stream().filter(f -> f.severity() != org.veilor.core.Severity.INFO).toList());
    }

    private static JsonNode module(String type) {
        for (JsonNode m : recipe.get("modules")) {
            if (m.get("type").asText().equals(type)) {
                return m;
            }
        }
        throw new AssertionError("no " + type + " module");
    }
}
