package org.veilor.core.containers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A signature verification policy ({@code /etc/containers/policy.json}, containers-policy.json(5)),
 * evaluated for {@code docker:} images: the requirements of the most specific matching scope apply
 * and the more general ones are ignored; within one requirement list all must be satisfied.
 */
public final class SignaturePolicy {

    /** Requirement types of containers-policy.json(5). */
    public static final String ACCEPT_ANYTHING = "insecureAcceptAnything";
    public static final String REJECT = "reject";
    public static final String SIGNED_BY = "signedBy";
    public static final String SIGSTORE_SIGNED = "sigstoreSigned";

    private final JsonNode defaults;
    private final JsonNode docker;

    private SignaturePolicy(JsonNode defaults, JsonNode docker) {
        this.defaults = defaults;
        this.docker = docker;
    }

    /**
     * Reads a parsed policy.json. The format is strict (containers/image rejects the whole file on a
     * bad field), so a shape this evaluator cannot read is an error, not a guess.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static SignaturePolicy parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("policy.json is not a JSON object");
        }
        JsonNode defaults = root.get("default");
        checkList(defaults, "default");
        JsonNode transports = root.path("transports");
        if (!transports.isMissingNode() && !transports.isObject()) {
            throw new IllegalArgumentException("policy.json: transports is not an object");
        }
        JsonNode docker = transports.path("docker");
        if (!docker.isMissingNode()) {
            if (!docker.isObject()) {
                throw new IllegalArgumentException("policy.json: transports.docker is not an object");
            }
            Iterator<Map.Entry<String, JsonNode>> it = docker.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                checkList(e.getValue(), "transports.docker[\"" + e.getKey() + "\"]");
            }
        }
        return new SignaturePolicy(defaults, docker);
    }

    private static void checkList(JsonNode list, String where) {
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("policy.json: " + where + " must be a non-empty array of requirements");
        }
        for (JsonNode r : list) {
            if (!r.isObject() || !r.path("type").isTextual()) {
                throw new IllegalArgumentException("policy.json: " + where + " holds a requirement without a type");
            }
        }
    }

    /** The requirements that apply to a {@code docker:} image: the most specific scope wins. */
    public Requirements forDocker(ImageReference image) {
        for (String scope : image.scopes()) {
            JsonNode list = docker.path(scope);
            if (list.isArray()) {
                return new Requirements("transports.docker[\"" + scope + "\"]", scope, list(list));
            }
        }
        JsonNode transportDefault = docker.path("");
        if (transportDefault.isArray()) {
            return new Requirements("transports.docker[\"\"] (the docker transport's default)", "", list(transportDefault));
        }
        return new Requirements("default (the global default)", null, list(defaults));
    }

    /** Every scope of the {@code docker:} transport that names this repository or one of its tags or digests. */
    public List<String> dockerScopesOf(ImageReference repository) {
        List<String> out = new ArrayList<>();
        String repo = repository.repository();
        docker.fieldNames().forEachRemaining(s -> {
            if (s.equals(repo) || s.startsWith(repo + ":") || s.startsWith(repo + "@")) {
                out.add(s);
            }
        });
        return out;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    /**
     * The requirement list that applies to an image.
     *
     * @param where where it is in policy.json, for messages
     * @param scope the docker scope; {@code ""} for the transport default, {@code null} for the global default
     */
    public record Requirements(String where, String scope, List<JsonNode> list) {

        public Requirements {
            Objects.requireNonNull(where, "where");
            list = List.copyOf(list);
        }

        /** Whether an image without any signature passes: every requirement is insecureAcceptAnything. */
        public boolean acceptsUnsigned() {
            return list.stream().allMatch(r -> ACCEPT_ANYTHING.equals(type(r)));
        }

        /** Whether every image is refused (a reject requirement). */
        public boolean rejectsAll() {
            return list.stream().anyMatch(r -> REJECT.equals(type(r)));
        }

        /** The sigstoreSigned requirements. */
        public List<JsonNode> sigstore() {
            return list.stream().filter(r -> SIGSTORE_SIGNED.equals(type(r))).toList();
        }

        /** Requirement types other than the four this evaluator knows (so a judgement may be wrong). */
        public List<String> unknownTypes() {
            return list.stream().map(Requirements::type)
                    .filter(t -> !List.of(ACCEPT_ANYTHING, REJECT, SIGNED_BY, SIGSTORE_SIGNED).contains(t)).toList();
        }

        /** The types, in order, for messages: {@code [sigstoreSigned]}. */
        public List<String> types() {
            return list.stream().map(Requirements::type).toList();
        }

        private static String type(JsonNode r) {
            return r.path("type").asText("");
        }
    }
}
