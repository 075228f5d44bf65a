package org.veilor.image.internal.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.veilor.core.Finding;
import org.veilor.core.Folders;
import org.veilor.core.Host;

/**
 * A tree as lint sees it: the parsed recipe with its modules (from-file entries resolved), and the
 * tree's text files. Module queries accept versioned types ({@code dnf@v1}).
 */
public final class LintContext {

    static final String RECIPE = "recipes/recipe.yml";
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final int TEXT_LIMIT = 1 << 20;

    private final Path tree;
    private final LintExpectations expect;
    private final Host host;
    private JsonNode recipe;
    /** Module entries with where they are, for messages. */
    private final List<Located> modules = new ArrayList<>();
    /** from-file targets: recipes/&lt;file&gt; → parsed content. */
    private final Map<String, JsonNode> imports = new LinkedHashMap<>();
    private final Map<String, String> texts = new LinkedHashMap<>();
    private final List<Finding> loadFindings = new ArrayList<>();

    /** A module entry and its location ({@code recipes/recipe.yml $.modules[2]}). */
    public record Located(ObjectNode module, String location) {
        public String type() {
            String t = module.path("type").asText("");
            int at = t.indexOf('@');
            return at < 0 ? t : t.substring(0, at);
        }
    }

    LintContext(Path tree, LintExpectations expect, Host host) throws IOException {
        this.tree = tree;
        this.expect = expect;
        this.host = host;
        Path r = tree.resolve(RECIPE);
        if (!Files.isRegularFile(r)) {
            loadFindings.add(Finding.error("image.recipe", "no recipe: " + RECIPE + " is missing", RECIPE));
        } else {
            try {
                recipe = YAML.readTree(r.toFile());
                collect(recipe.path("modules"), RECIPE + " $.modules");
            } catch (IOException e) {
                loadFindings.add(Finding.error("image.recipe", RECIPE + " is not valid YAML: " + e.getMessage(), RECIPE));
            }
        }
        loadTexts();
    }

    private void collect(JsonNode list, String where) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode m = list.get(i);
            String loc = where + "[" + i + "]";
            if (m.has("from-file")) {
                String file = "recipes/" + m.path("from-file").asText();
                Path p = tree.resolve(file).normalize();
                if (!p.startsWith(tree.resolve("recipes")) || !Files.isRegularFile(p)) {
                    loadFindings.add(Finding.error("image.recipe", loc + ": from-file " + file + " does not exist", loc));
                    continue;
                }
                try {
                    JsonNode content = YAML.readTree(p.toFile());
                    imports.put(file, content);
                    if (content.has("type")) {
                        modules.add(new Located((ObjectNode) content, file));
                    } else {
                        collect(content.path("modules"), file + " $.modules");
                    }
                } catch (IOException e) {
                    loadFindings.add(Finding.error("image.recipe", file + " is not valid YAML: " + e.getMessage(), file));
                }
            } else if (m.isObject()) {
                modules.add(new Located((ObjectNode) m, loc));
            }
        }
    }

    private void loadTexts() throws IOException {
        if (!Files.isDirectory(tree)) {
            return;
        }
        // git works in .git/ while lint reads (index.lock comes and goes): it is never read, and a
        // file removed while the tree is read is simply not in it.
        for (Folders.Entry e : Folders.walk(tree, notGit(tree))) {
            if (!isFile(e)) {
                continue;
            }
            Optional<byte[]> b = Folders.ifPresent(e.path(), p -> Files.size(p) > TEXT_LIMIT ? null : Files.readAllBytes(p));
            if (b.isPresent() && !binary(b.get())) {
                texts.put(tree.relativize(e.path()).toString().replace('\\', '/'), new String(b.get(), StandardCharsets.UTF_8));
            }
        }
    }

    /** Folders a walk of the tree enters: all but the top {@code .git/} (git's, changing under us). */
    static Predicate<Path> notGit(Path tree) {
        return d -> !d.equals(tree.resolve(".git"));
    }

    /** A regular file, or a link to one: read through the link, as lint always did. */
    static boolean isFile(Folders.Entry e) {
        return e.attributes().isRegularFile() || e.attributes().isSymbolicLink() && Files.isRegularFile(e.path());
    }

    static boolean binary(byte[] b) {
        for (int i = 0; i < Math.min(b.length, 8192); i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }

    public Path tree() {
        return tree;
    }

    public LintExpectations expect() {
        return expect;
    }

    public Optional<Host> host() {
        return Optional.ofNullable(host);
    }

    /** The recipe, or null when missing or unparseable (then {@link #loadFindings()} says why). */
    public JsonNode recipe() {
        return recipe;
    }

    public Map<String, JsonNode> imports() {
        return imports;
    }

    public List<Finding> loadFindings() {
        return loadFindings;
    }

    public List<Located> modules() {
        return modules;
    }

    public List<Located> modules(String type) {
        return modules.stream().filter(m -> m.type().equals(type)).toList();
    }

    /** Text files of the tree by relative path (binary and very large files left out). */
    public Map<String, String> texts() {
        return texts;
    }

    /** Text files under a folder of the tree ({@code files/scripts/}). */
    public Map<String, String> texts(String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        texts.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** Everything that runs while the image builds: script files and snippets, with where they are. */
    public Map<String, String> buildCode() {
        Map<String, String> code = new LinkedHashMap<>(texts("files/scripts/"));
        for (Located m : modules("script")) {
            JsonNode sn = m.module().path("snippets");
            for (int i = 0; i < sn.size(); i++) {
                code.put(m.location() + " snippets[" + i + "]", sn.get(i).asText());
            }
        }
        for (Located m : modules("containerfile")) {
            JsonNode sn = m.module().path("snippets");
            for (int i = 0; i < sn.size(); i++) {
                code.put(m.location() + " snippets[" + i + "]", sn.get(i).asText());
            }
        }
        return code;
    }

    /** Names in a list node that may hold strings or {@code {packages: [...]}} groups, with their repo pin. */
    public record Pkg(String name, String repo, String location) {
    }

    /** Packages every dnf and rpm-ostree module installs. */
    public List<Pkg> installs() {
        List<Pkg> out = new ArrayList<>();
        for (Located m : modules("dnf")) {
            packages(m.module().path("install").path("packages"), null, m.location() + ".install", out);
        }
        for (Located m : modules("rpm-ostree")) {
            packages(m.module().path("install"), null, m.location() + ".install", out);
        }
        return out;
    }

    /** Packages every dnf and rpm-ostree module removes. */
    public List<Pkg> removes() {
        List<Pkg> out = new ArrayList<>();
        for (Located m : modules("dnf")) {
            packages(m.module().path("remove").path("packages"), null, m.location() + ".remove", out);
        }
        for (Located m : modules("rpm-ostree")) {
            packages(m.module().path("remove"), null, m.location() + ".remove", out);
        }
        return out;
    }

    private static void packages(JsonNode list, String repo, String loc, List<Pkg> out) {
        for (JsonNode p : list) {
            if (p.isTextual()) {
                out.add(new Pkg(p.asText(), repo, loc));
            } else if (p.isObject()) {
                packages(p.path("packages"), p.path("repo").asText(null), loc, out);
            }
        }
    }

    /** Units a systemd module sets to the given state ({@code enabled}) in a scope ({@code system}). */
    public List<String> units(String scope, String state) {
        List<String> out = new ArrayList<>();
        for (Located m : modules("systemd")) {
            m.module().path(scope).path(state).forEach(u -> out.add(u.asText()));
        }
        return out;
    }

    /** 1-based line of the first occurrence of a match position in a text. */
    static int line(String text, int index) {
        int line = 1;
        for (int i = 0; i < index && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
