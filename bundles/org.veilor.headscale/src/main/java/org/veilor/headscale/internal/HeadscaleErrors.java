package org.veilor.headscale.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.veilor.headscale.HeadscaleException;
import org.veilor.headscale.HeadscaleException.Kind;

/**
 * Turns a non-2xx answer into a clear message. Headscale ≤ 0.29 answers errors as gRPC status JSON
 * ({@code {"code": 5, "message": "…", "details": []}}), 0.30 as RFC 7807 problem JSON, and a missing
 * or wrong key as HTTP 401 with the plain-text body {@code Unauthorized} (mesh-radio.md §2.3).
 */
final class HeadscaleErrors {

    private static final String[] GRPC_CODES = { "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
        "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
        "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED" };

    /** Key-shaped text a server message might echo: new-format keys, legacy 48-hex pre-auth keys, legacy API keys. */
    private static final java.util.regex.Pattern SECRETS = java.util.regex.Pattern.compile(
            "hskey-[a-z]+-[A-Za-z0-9_-]{12}-[A-Za-z0-9_-]{20,}|\\b[0-9a-f]{48}\\b|\\b[A-Za-z0-9]{7}\\.[A-Za-z0-9_-]{32}\\b");

    private HeadscaleErrors() {
    }

    /** Replaces anything shaped like a key with {@code ***} (messages end up in shells and logs). */
    static String redact(String text) {
        return SECRETS.matcher(text).replaceAll("***");
    }

    static HeadscaleException of(String operation, String baseUrl, int status, String contentType, String body, Path keyFile) {
        if (status == 401) {
            return new HeadscaleException(Kind.UNAUTHORIZED, status, "API key rejected by Headscale at " + baseUrl
                    + " (HTTP 401): the key in " + keyFile + " is wrong or expired; create one with 'headscale apikeys create'", null);
        }
        String detail = serverMessage(body);
        int grpc = grpcCode(body);
        Kind kind = kind(status, grpc);
        String codeName = grpc > 0 && grpc < GRPC_CODES.length ? ", " + GRPC_CODES[grpc] : "";
        String text = switch (kind) {
            case UNAUTHORIZED -> "API key rejected by Headscale at " + baseUrl + " (HTTP " + status + codeName + "): " + detail;
            case NOT_FOUND -> "Headscale could not " + operation + ": not found (HTTP " + status + codeName + "): " + detail;
            case SERVER_ERROR -> "Headscale failed to " + operation + " (HTTP " + status + codeName + "): " + detail;
            default -> "Headscale refused to " + operation + " (HTTP " + status + codeName + "): " + detail;
        };
        return new HeadscaleException(kind, status, text, null);
    }

    private static Kind kind(int status, int grpc) {
        if (status == 403 || grpc == 16 || grpc == 7) {
            return Kind.UNAUTHORIZED;
        }
        if (status == 404 || grpc == 5) {
            return Kind.NOT_FOUND;
        }
        return status >= 500 ? Kind.SERVER_ERROR : Kind.REJECTED;
    }

    /** The server's own words: {@code message} (gRPC), {@code detail}/{@code title} (RFC 7807), or the text. */
    private static String serverMessage(String body) {
        return redact(rawMessage(body));
    }

    private static String rawMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(no message)";
        }
        JsonNode json = json(body);
        if (json != null && json.isObject()) {
            if (json.hasNonNull("message")) {
                return json.get("message").asText();
            }
            if (json.hasNonNull("detail")) {
                return json.get("detail").asText();
            }
            if (json.hasNonNull("title")) {
                return json.get("title").asText();
            }
        }
        String text = body.strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static int grpcCode(String body) {
        JsonNode json = json(body);
        return json != null && json.path("code").isInt() ? json.get("code").asInt() : 0;
    }

    private static JsonNode json(String body) {
        try {
            return body == null || body.isBlank() ? null : HeadscaleHttp.JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
