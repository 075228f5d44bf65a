package org.veilor.headscale.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.headscale.HeadscaleException;
import org.veilor.headscale.HeadscaleException.Kind;

/**
 * One JSON call to Headscale with the Bearer key, and every failure turned into a
 * {@link HeadscaleException} an operator can act on. Logs method, path and status only — never a
 * header or a body, which may hold keys.
 */
final class HeadscaleHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private final Logger logger = LoggerFactory.getLogger(HeadscaleHttp.class);
    private final HttpClient http;
    private final String baseUrl;
    private final ApiKeyFile apiKey;
    private final Duration timeout;

    HeadscaleHttp(String baseUrl, ApiKeyFile apiKey, Duration timeout) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.timeout = timeout;
        // HTTP/1.1: Headscale's API is plain HTTP/1.1 (or h2 behind TLS, which ALPN negotiates anyway);
        // no redirects, which would carry the Bearer key to another host.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    String baseUrl() {
        return baseUrl;
    }

    /**
     * Calls {@code /api/v1/...}.
     *
     * @param operation what is being done, for messages ("create a pre-auth key")
     * @param body JSON body, or {@code null}
     * @return the JSON answer ({@code {}} when empty)
     */
    JsonNode api(String operation, String method, String path, JsonNode body) throws HeadscaleException {
        String key = apiKey.read();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1" + path)).timeout(timeout)
                .header("Authorization", "Bearer " + key).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = send(operation, b.build(), method + " /api/v1" + path);
        if (r.statusCode() / 100 == 2) {
            return parse(operation, r);
        }
        throw HeadscaleErrors.of(operation, baseUrl, r.statusCode(), contentType(r), r.body(), apiKey.path());
    }

    /** {@code GET /version} (public, no key). */
    HttpResponse<String> getVersion() throws HeadscaleException {
        return send("read the server version", HttpRequest.newBuilder(URI.create(baseUrl + "/version")).timeout(timeout).GET().build(),
                "GET /version");
    }

    private HttpResponse<String> send(String operation, HttpRequest request, String what) throws HeadscaleException {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            logger.debug("{} -> {}", what, r.statusCode());
            return r;
        } catch (HttpConnectTimeoutException e) {
            throw new HeadscaleException(Kind.UNREACHABLE, 0, "Headscale unreachable at " + baseUrl + ": no connection within "
                    + timeout.toSeconds() + " s (while trying to " + operation + ")", e);
        } catch (ConnectException | UnresolvedAddressException e) {
            throw new HeadscaleException(Kind.UNREACHABLE, 0, "Headscale unreachable at " + baseUrl + ": " + reason(e)
                    + " (while trying to " + operation + ")", e);
        } catch (HttpTimeoutException e) {
            throw new HeadscaleException(Kind.NO_ANSWER, 0, "Headscale at " + baseUrl + " did not answer within " + timeout.toSeconds()
                    + " s when asked to " + operation + "; it may have done it", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnresolvedAddressException || e.getCause() instanceof ConnectException) {
                throw new HeadscaleException(Kind.UNREACHABLE, 0, "Headscale unreachable at " + baseUrl + ": " + reason(e.getCause())
                        + " (while trying to " + operation + ")", e);
            }
            throw new HeadscaleException(Kind.NO_ANSWER, 0, "Headscale at " + baseUrl + " closed the connection without answering when asked to "
                    + operation + "; it may have done it (" + reason(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HeadscaleException(Kind.NO_ANSWER, 0, "interrupted while asking Headscale to " + operation, e);
        }
    }

    private static String reason(Throwable e) {
        if (e instanceof UnresolvedAddressException) {
            return "the host name does not resolve";
        }
        if (e instanceof ConnectException) {
            return e.getMessage() == null || e.getMessage().isBlank() ? "connection refused" : e.getMessage().toLowerCase();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static JsonNode parse(String operation, HttpResponse<String> r) throws HeadscaleException {
        String body = r.body();
        if (body == null || body.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new HeadscaleException(Kind.BAD_RESPONSE, r.statusCode(), "Headscale answered '" + operation
                    + "' with something that is not JSON (HTTP " + r.statusCode() + ", " + contentType(r) + ")", e);
        }
    }

    private static String contentType(HttpResponse<String> r) {
        return r.headers().firstValue("Content-Type").orElse("no content type");
    }
}
