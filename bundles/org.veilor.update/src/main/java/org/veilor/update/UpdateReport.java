package org.veilor.update;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.veilor.core.Finding;

/**
 * What an update operation found: the deployments bootc reports, the update the registry offers,
 * the health watch after a reboot into a new deployment, and findings (an unverified signature is
 * an error finding).
 *
 * @param operation {@code status}, {@code check}, {@code apply}, {@code rollback}, or {@code watch} (the agent's own)
 * @param done whether the operation did what was asked (false: a finding says why)
 * @param at when the report was made
 * @param configuredImage the image reference the node expects ({@code image} of the configuration)
 * @param booted the booted deployment, null when bootc could not be read or the host is not bootc-managed
 * @param staged the deployment queued for the next boot, or null
 * @param rollback the previous deployment, or null
 * @param rollbackQueued whether the rollback deployment boots next
 * @param available the update the last check found, or null when none is known
 * @param watch the health watch of a new deployment, or null when none runs
 * @param findings errors, warnings and notes, most severe first
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UpdateReport(String operation, boolean done, Instant at, String configuredImage, Deployment booted,
        Deployment staged, Deployment rollback, boolean rollbackQueued, Available available, Watch watch,
        List<Finding> findings) {

    public UpdateReport {
        Objects.requireNonNull(operation, "operation");
        findings = List.copyOf(findings);
    }

    /** Whether a finding is an error. */
    public boolean hasErrors() {
        return findings.stream().anyMatch(Finding::isError);
    }

    /**
     * One deployment as {@code bootc status} shows it.
     *
     * @param image the image reference bootc tracks ({@code image.image.image})
     * @param transport its transport ({@code registry})
     * @param digest the manifest digest ({@code image.imageDigest})
     * @param version the version label, or null
     * @param timestamp the build time as bootc prints it, or null
     * @param pinned whether it is kept from garbage collection
     * @param deploySerial the OSTree deploy serial, or null
     * @param signature whether its signature is verified, and how
     */
    public record Deployment(String image, String transport, String digest, String version, String timestamp,
            boolean pinned, Integer deploySerial, Signature signature) {
    }

    /**
     * The signature state of a deployment.
     *
     * @param state {@code verified}, {@code unverified} or {@code unknown}
     * @param detail why: the policy scope and key, or what is missing
     */
    public record Signature(String state, String detail) {

        public boolean verified() {
            return "verified".equals(state);
        }
    }

    /**
     * An update the registry offers ({@code cachedUpdate} after {@code bootc upgrade --check}).
     *
     * @param staged whether it is already the staged deployment
     * @param markedBad why it is refused, when it was rolled back before; null otherwise
     */
    public record Available(String digest, String version, String timestamp, boolean staged, String markedBad) {
    }

    /**
     * The health watch after a reboot into a new deployment.
     *
     * @param digest the deployment watched
     * @param since when it was first seen booted (in this boot)
     * @param deadline when it is rolled back unless healthy
     * @param problems why it is not healthy yet
     */
    public record Watch(String digest, Instant since, Instant deadline, List<String> problems) {
    }
}
