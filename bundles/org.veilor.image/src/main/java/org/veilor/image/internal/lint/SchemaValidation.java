package org.veilor.image.internal.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.SchemaLoader;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.veilor.core.Finding;

/**
 * Validates recipes against the BlueBuild JSON schema (draft 2020-12) shipped in this bundle
 * ({@code bluebuild-schema/}, see its NOTICE), with networknt json-schema-validator 1.5 (Jackson 2;
 * an OSGi bundle). Schemas are loaded from this bundle only: validation never touches the network.
 *
 * <p>The recipe schema reaches a module through an {@code anyOf} over every module's schema, which
 * makes its messages coarse; a module entry that fails is therefore validated again against its own
 * module's schema, which names the offending key.
 */
public final class SchemaValidation implements LintRule {

    static final String BASE = "https://schema.blue-build.org/";
    private static final String RESOURCES = "bluebuild-schema/";

    private final JsonSchemaFactory factory;
    private final JsonSchema recipeSchema;
    private final JsonSchema importSchema;

    public SchemaValidation() {
        ClassLoader own = SchemaValidation.class.getClassLoader();
        SchemaLoader bundled = iri -> {
            String s = iri.toString();
            if (!s.startsWith(BASE)) {
                return null;
            }
            String resource = RESOURCES + s.substring(BASE.length());
            return () -> {
                InputStream in = own.getResourceAsStream(resource);
                if (in == null) {
                    throw new FileNotFoundException("BlueBuild schema " + s + " is not bundled (" + resource + ")");
                }
                return in;
            };
        };
        this.factory = withValidatorLoader(() -> JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.schemaLoaders(l -> l.values(list -> list.add(0, bundled)))));
        this.recipeSchema = withValidatorLoader(() -> load("recipe-v1.json"));
        this.importSchema = withValidatorLoader(() -> load("module-stage-list-v1.json"));
    }

    private JsonSchema load(String name) {
        JsonSchema s = factory.getSchema(SchemaLocation.of(BASE + name));
        s.initializeValidators();
        return s;
    }

    /**
     * networknt finds its own meta-schemas through the thread's context class loader, which in OSGi
     * is not its bundle's; run its calls with its own loader.
     */
    private static <T> T withValidatorLoader(java.util.function.Supplier<T> call) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(JsonSchemaFactory.class.getClassLoader());
        try {
            return call.get();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    @Override
    public void check(LintContext tree, List<Finding> out) {
        if (tree.recipe() != null) {
            out.addAll(validateRecipe(tree.recipe(), LintContext.RECIPE));
        }
        for (Map.Entry<String, JsonNode> e : tree.imports().entrySet()) {
            JsonNode content = e.getValue();
            JsonSchema schema = content.has("type") ? moduleSchema(content) : importSchema;
            if (schema == null) {
                continue;
            }
            Set<ValidationMessage> errors = withValidatorLoader(() -> schema.validate(content));
            errors.stream().map(m -> finding(e.getKey(), m)).distinct().forEach(out::add);
        }
    }

    /** Schema errors of one recipe, as error findings. */
    public List<Finding> validateRecipe(JsonNode recipe, String where) {
        Set<ValidationMessage> errors = withValidatorLoader(() -> recipeSchema.validate(recipe));
        if (errors.isEmpty()) {
            return List.of();
        }
        Map<String, Finding> findings = new TreeMap<>();
        JsonNode modules = recipe.path("modules");
        for (ValidationMessage m : errors) {
            String at = m.getInstanceLocation().toString();
            int index = moduleIndex(at);
            JsonSchema own = index >= 0 ? moduleSchema(modules.get(index)) : null;
            if (own != null) {
                JsonNode module = modules.get(index);
                for (ValidationMessage precise : withValidatorLoader(() -> own.validate(module))) {
                    String loc = where + " $.modules[" + index + "]" + precise.getInstanceLocation().toString().substring(1);
                    findings.putIfAbsent(loc + precise.getMessage(), Finding.error("image.schema",
                            "recipe does not match the BlueBuild schema (" + module.path("type").asText() + " module): "
                                    + precise.getMessage(), loc));
                }
            } else {
                findings.putIfAbsent(at + m.getMessage(), finding(where, m));
            }
        }
        return new ArrayList<>(findings.values());
    }

    private static int moduleIndex(String instanceLocation) {
        java.util.regex.Matcher x = java.util.regex.Pattern.compile("^\\$\\.modules\\[(\\d+)]").matcher(instanceLocation);
        return x.find() ? Integer.parseInt(x.group(1)) : -1;
    }

    /** The schema of an official module type ({@code dnf} → modules/dnf-latest.json, {@code dnf@v1} → dnf-v1.json). */
    private JsonSchema moduleSchema(JsonNode module) {
        if (module == null || module.has("source") || !module.path("type").isTextual()) {
            return null;
        }
        String type = module.path("type").asText();
        int at = type.indexOf('@');
        String name = at < 0 ? type + "-latest" : type.substring(0, at) + "-" + type.substring(at + 1);
        if (!name.matches("[a-z0-9-]+") || SchemaValidation.class.getClassLoader().getResource(RESOURCES + "modules/" + name + ".json") == null) {
            return null;
        }
        return withValidatorLoader(() -> load("modules/" + name + ".json"));
    }

    private static Finding finding(String where, ValidationMessage m) {
        return Finding.error("image.schema", "recipe does not match the BlueBuild schema: " + m.getMessage(),
                where + " " + m.getInstanceLocation());
    }
}
