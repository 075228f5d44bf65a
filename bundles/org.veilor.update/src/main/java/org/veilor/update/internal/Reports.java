package org.veilor.update.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.veilor.core.Finding;
import org.veilor.core.Host;
import org.veilor.core.containers.ImageReference;
import org.veilor.update.UpdateReport;

/** Turns what bootc said, the node's signature policy and the agent's state into an {@link UpdateReport}. */
final class Reports {

    private Reports() {
    }

    /** {@code 43.20260105.0 (sha256:1a1a1a1a1a1a)}: a version and a short digest, for messages. */
    static String name(BootcHost.Image i) {
        if (i == null) {
            return "(unknown image)";
        }
        String d = i.digest() == null ? "?" : i.digest().length() > 19 ? i.digest().substring(0, 19) : i.digest();
        return (i.version() == null ? i.image() : i.version()) + " (" + d + ")";
    }

    /**
     * The configured image against the booted one: an error when the repository differs (acting
     * would switch images), a warning when only the tag does; null when they agree.
     */
    static Finding mismatch(ImageReference configured, BootcHost.Entry booted) {
        if (booted == null || booted.image() == null) {
            return null;
        }
        ImageReference b;
        try {
            b = ImageReference.parse(booted.image().image());
        } catch (IllegalArgumentException e) {
            return Finding.error("update.other-image", "the booted image reference " + booted.image().image()
                    + " cannot be read (" + e.getMessage() + "); the agent does not act on it", null);
        }
        if (!b.sameRepository(configured)) {
            return Finding.error("update.other-image", "the booted image is " + b.repository() + ", the configured one "
                    + configured.repository() + ": updating would switch images; use bootc switch by hand (or fix image in "
                    + UpdateSettings.PID + ")", UpdateSettings.PID + " image");
        }
        String tag = b.tag() == null ? "latest" : b.tag();
        if (!tag.equals(configured.tag())) {
            return Finding.warning("update.other-tag", "the booted tag is :" + tag + ", the configured one :" + configured.tag()
                    + "; bootc upgrade follows the booted tag: move to :" + configured.tag() + " by hand with bootc switch",
                    UpdateSettings.PID + " image");
        }
        return null;
    }

    static UpdateReport build(String operation, boolean done, Instant now, Host host, UpdateSettings s, BootcHost h,
            UpdateState state, UpdateReport.Watch watch, List<Finding> given) {
        List<Finding> findings = new ArrayList<>(given);
        UpdateReport.Deployment booted = null;
        UpdateReport.Deployment staged = null;
        UpdateReport.Deployment rollback = null;
        UpdateReport.Available available = null;
        if (h != null && h.booted() == null) {
            findings.add(Finding.error("update.not-bootc", "bootc reports no booted deployment: this host is not deployed by"
                    + " bootc, so it cannot be updated through it", null));
        }
        if (h != null) {
            ImageReference judged = s.image();
            if (h.booted() != null && h.booted().image() != null) {
                try {
                    judged = ImageReference.parse(h.booted().image().image());
                } catch (IllegalArgumentException e) {
                    // mismatch() reports it; judge the configured image's policy meanwhile
                }
            }
            SignatureCheck.NodePolicy node = SignatureCheck.node(host, judged, s.publicKey());
            findings.addAll(node.problems());
            booted = deployment(h.booted(), node, "booted", true, findings);
            staged = deployment(h.staged(), node, "staged", true, findings);
            rollback = deployment(h.rollback(), node, "rollback", false, findings);
            if (state != null && h.booted() != null && h.booted().digest() != null) {
                state.bad(h.booted().digest()).ifPresent(b -> findings.add(Finding.error("update.marked-bad", "the booted image "
                        + name(h.booted().image()) + " was marked bad at " + b.at() + " (" + b.reason() + "); rollback: "
                        + b.rollback() + (h.rollbackQueued() ? "; the previous deployment boots at the next reboot"
                                : "; the agent does not roll back again: roll back by hand with update:rollback, then reboot"),
                        null)));
            }
            Finding m = mismatch(s.image(), h.booted());
            if (m != null) {
                findings.add(m);
            }
            BootcHost.Image cached = h.booted() == null ? null : h.booted().cachedUpdate();
            if (cached != null && !cached.digest().equals(h.booted().digest())) {
                String bad = state == null ? null : state.bad(cached.digest()).map(b -> "marked bad at " + b.at() + ": "
                        + b.reason()).orElse(null);
                available = new UpdateReport.Available(cached.digest(), cached.version(), cached.timestamp(),
                        h.staged() != null && cached.digest().equals(h.staged().digest()), bad);
            }
        }
        findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::code));
        return new UpdateReport(operation, done, now, s.image().toString(), booted, staged, rollback,
                h != null && h.rollbackQueued(), available, watch, findings.stream().distinct().toList());
    }

    private static UpdateReport.Deployment deployment(BootcHost.Entry e, SignatureCheck.NodePolicy node, String which,
            boolean errorWhenUnverified, List<Finding> findings) {
        if (e == null) {
            return null;
        }
        BootcHost.Image i = e.image();
        if (i == null) {
            findings.add(Finding.warning("update.no-image", "the " + which + " deployment was not deployed from a container"
                    + " image (bootc shows no image for it)", null));
            return new UpdateReport.Deployment(null, null, null, null, null, e.pinned(), e.deploySerial(),
                    new UpdateReport.Signature("unknown", "not deployed from a container image"));
        }
        UpdateReport.Signature sig = SignatureCheck.of(i, node);
        if (!sig.verified()) {
            String msg = "the " + which + " image " + name(i) + " is " + sig.state() + ": " + sig.detail();
            findings.add(errorWhenUnverified ? Finding.error("update.unverified", msg, null)
                    : Finding.warning("update.unverified", msg, null));
        }
        return new UpdateReport.Deployment(i.image(), i.transport(), i.digest(), i.version(), i.timestamp(), e.pinned(),
                e.deploySerial(), sig);
    }

    /** The one line veilor:status shows. */
    static String summary(UpdateReport r) {
        if (r == null) {
            return "bootc not read yet";
        }
        StringBuilder b = new StringBuilder();
        if (r.booted() != null) {
            b.append("booted ").append(r.booted().version() == null ? r.booted().digest() : r.booted().version())
                    .append(", signature ").append(r.booted().signature().state());
            if (r.staged() != null) {
                b.append("; staged ").append(r.staged().version() == null ? r.staged().digest() : r.staged().version());
            }
            if (r.available() != null && !r.available().staged()) {
                b.append("; update ").append(r.available().version() == null ? r.available().digest() : r.available().version())
                        .append(r.available().markedBad() == null ? " available" : " available but marked bad");
            }
            if (r.rollbackQueued()) {
                b.append("; rollback queued for the next boot");
            }
            if (r.watch() != null) {
                b.append("; watching the new deployment until ").append(r.watch().deadline());
            }
        }
        long errors = r.findings().stream().filter(Finding::isError).count();
        if (errors > 0) {
            Finding first = r.findings().stream().filter(Finding::isError).findFirst().orElseThrow();
            b.append(b.length() == 0 ? "" : "; ").append(errors).append(errors == 1 ? " error: " : " errors, first: ")
                    .append(first.message());
        }
        return b.append(" (").append(r.operation()).append(" at ").append(r.at()).append(")").toString();
    }
}
