package org.veilor.kickstart.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.veilor.core.Finding;
import org.veilor.core.Gate;
import org.veilor.core.GateDecision;
import org.veilor.core.ReleaseGates;
import org.veilor.core.ReleaseStage;
import org.veilor.kickstart.KsCommand;
import org.veilor.kickstart.KsInclude;
import org.veilor.kickstart.KsSection;

/**
 * The strategy's rules for a veilor install kickstart (DESIGN.md hard rules 3 and 4), each an
 * error with the line it is about: the OCI payload without {@code %packages}, {@code bootc} only
 * from v1.0 and only on one disk from an open registry, an encrypted root, no wiping of disks that
 * were not named, and no rebase in {@code %post} — except setting the signed origin of the same image.
 */
public final class StrategyRules {

    private static final Pattern REGISTRY_AUTH = Pattern.compile(
            "auth\\.json|REGISTRY_AUTH_FILE|\\b(?:skopeo|podman|buildah|docker)\\s+login\\b");

    private StrategyRules() {
    }

    public static void check(List<Located> items, Map<Located, OptionChecker.Parsed> parsed, ReleaseStage stage,
            String mainSource, List<Finding> out) {
        Optional<Located> container = first(items, "ostreecontainer");
        Optional<Located> bootc = first(items, "bootc");
        if (container.isEmpty() && bootc.isEmpty()) {
            out.add(Finding.error("strategy.no-payload",
                    "a veilor install fills / from the OCI image: add ostreecontainer --url=<image> --transport=registry"
                            + " (bootc only from release v1.0)", mainSource));
        }
        if (container.isPresent() || bootc.isPresent()) {
            for (Located l : items) {
                if (l.item() instanceof KsSection s && s.name().equals("%packages")) {
                    out.add(Finding.error("strategy.packages-with-ostreecontainer", "%packages with "
                            + (container.isPresent() ? "ostreecontainer" : "bootc")
                            + ": Anaconda ignores it with an OCI payload and the image defines the packages; remove the section",
                            l.at()));
                }
            }
        }
        StorageModel storage = new StorageModel(items, parsed);
        bootc.ifPresent(b -> bootcRules(b, items, storage, stage, out));
        rootEncrypted(items, storage, mainSource, out);
        wipes(storage, out);
        passphrases(storage, out);
        String image = installedImage(container, bootc, parsed);
        rebases(items, image, container, parsed, out);
    }

    private static void bootcRules(Located b, List<Located> items, StorageModel storage, ReleaseStage stage,
            List<Finding> out) {
        GateDecision gate = ReleaseGates.evaluate(Gate.BOOTC_KICKSTART, stage, false);
        if (!gate.allowed()) {
            out.add(Finding.error("strategy.bootc-before-v1", "bootc: " + gate.reason(), b.at()));
        }
        Set<String> disks = storage.disks();
        if (disks.size() > 1 || !storage.all("raid").isEmpty()) {
            out.add(Finding.error("strategy.bootc-multi-disk", "bootc cannot install across several disks (named here: "
                    + String.join(", ", disks) + (storage.all("raid").isEmpty() ? "" : "; raid") + ")", b.at()));
        } else if (disks.isEmpty()) {
            out.add(Finding.error("strategy.bootc-multi-disk",
                    "bootc cannot install across several disks: limit the install to one with ignoredisk --only-use=<disk>",
                    b.at()));
        }
        for (Located l : items) {
            if (l.item() instanceof KsSection s && !s.name().equals("%packages")) {
                for (int i = 0; i < s.body().size(); i++) {
                    if (REGISTRY_AUTH.matcher(s.body().get(i)).find()) {
                        out.add(Finding.error("strategy.bootc-authenticated-registry",
                                "bootc cannot install from an authenticated registry (registry credentials set up in "
                                        + s.name() + "); use ostreecontainer", l.at(s.bodyLine(i))));
                    }
                }
            }
        }
    }

    private static void rootEncrypted(List<Located> items, StorageModel storage, String mainSource, List<Finding> out) {
        Optional<StorageModel.Root> root = storage.root();
        if (root.isPresent()) {
            if (!root.get().encrypted()) {
                out.add(Finding.error("strategy.root-not-encrypted",
                        "the root file system is not encrypted: " + root.get().why(), root.get().where().at()));
            }
            return;
        }
        Optional<Located> include = items.stream().filter(l -> l.item() instanceof KsInclude).findFirst();
        if (include.isPresent()) {
            out.add(Finding.warning("strategy.root-unknown", "no root file system here; it may come from "
                    + ((KsInclude) include.get().item()).path() + ", which cannot be read now: make sure it is encrypted",
                    include.get().at()));
        } else {
            out.add(Finding.warning("strategy.interactive-storage", storage.isEmpty()
                    ? "no partitioning: the installer asks which disk to use (nothing is wiped before that); choose 'Encrypt my data'"
                    : "no root file system defined: the installer asks; choose 'Encrypt my data'", mainSource));
        }
    }

    private static void wipes(StorageModel storage, List<Finding> out) {
        if (storage.disksLimited()) {
            return;
        }
        for (StorageModel.Entry e : storage.all("clearpart")) {
            if (e.parsed().has("--all") || e.parsed().has("--linux")) {
                out.add(Finding.error("strategy.unlimited-wipe", "clearpart " + (e.parsed().has("--all") ? "--all" : "--linux")
                        + " without limiting the disks wipes every drive: add ignoredisk --only-use=<disk> or clearpart --drives=<disk>",
                        e.where().at()));
            }
        }
        for (StorageModel.Entry e : storage.all("zerombr")) {
            out.add(Finding.error("strategy.unlimited-wipe",
                    "zerombr without limiting the disks initialises every unreadable drive: add ignoredisk --only-use=<disk>",
                    e.where().at()));
        }
    }

    private static void passphrases(StorageModel storage, List<Finding> out) {
        for (String name : List.of("part", "logvol", "raid", "autopart")) {
            for (StorageModel.Entry e : storage.all(name)) {
                if (e.parsed().has("--passphrase")) {
                    out.add(Finding.warning("strategy.passphrase-in-file",
                            "a LUKS passphrase in the kickstart is readable by anyone who has the file or the ISO; leave it out and Anaconda prompts once",
                            e.where().at()));
                }
            }
        }
    }

    private static String installedImage(Optional<Located> container, Optional<Located> bootc,
            Map<Located, OptionChecker.Parsed> parsed) {
        if (container.isPresent() && parsed.containsKey(container.get())) {
            return parsed.get(container.get()).value("--url").map(RebaseScan::normalise).orElse(null);
        }
        if (bootc.isPresent() && parsed.containsKey(bootc.get())) {
            OptionChecker.Parsed p = parsed.get(bootc.get());
            return p.value("--target-imgref").or(() -> p.value("--source-imgref")).map(RebaseScan::normalise).orElse(null);
        }
        return null;
    }

    private static void rebases(List<Located> items, String image, Optional<Located> container,
            Map<Located, OptionChecker.Parsed> parsed, List<Finding> out) {
        boolean signedOrigin = false;
        for (Located l : items) {
            if (!(l.item() instanceof KsSection s) || !s.name().equals("%post")) {
                continue;
            }
            for (RebaseScan.Switch sw : RebaseScan.scan(s)) {
                String at = l.at(sw.line());
                boolean same = image != null && RebaseScan.normalise(sw.target()).equals(image);
                if (sw.deferred()) {
                    out.add(Finding.error("strategy.first-boot-rebase", "a rebase set up for a later boot ("
                            + sw.tool() + "): the install pass installs the final image; no first-boot rebase, no second reboot",
                            at));
                } else if (!same) {
                    out.add(Finding.error("strategy.rebase-in-post", sw.tool() + " in %post to another image ("
                            + OptionChecker.shorten(sw.target()) + "): install that image with ostreecontainer instead", at));
                } else if (sw.tool().equals("bootc switch") && !sw.mutateInPlace()) {
                    out.add(Finding.error("strategy.rebase-in-post",
                            "bootc switch in %post without --mutate-in-place stages a second deployment (a rebase and a second reboot);"
                                    + " add --mutate-in-place to only set the signed origin of the same image",
                            at));
                } else if (sw.tool().equals("rpm-ostree rebase") && !sw.target().startsWith("ostree-image-signed:")) {
                    out.add(Finding.error("strategy.rebase-in-post",
                            "rpm-ostree rebase in %post to the same image without ostree-image-signed: is a rebase, not a signed origin",
                            at));
                } else {
                    signedOrigin = true;
                }
            }
        }
        if (container.isPresent() && parsed.containsKey(container.get())
                && parsed.get(container.get()).has("--no-signature-verification") && !signedOrigin) {
            out.add(Finding.warning("strategy.unverified-origin",
                    "--no-signature-verification without a signed origin in %post: bootc upgrade will not verify signatures",
                    container.get().at()));
        }
    }

    private static Optional<Located> first(List<Located> items, String name) {
        return items.stream().filter(l -> l.item() instanceof KsCommand c && c.name().equals(name)).findFirst();
    }
}
