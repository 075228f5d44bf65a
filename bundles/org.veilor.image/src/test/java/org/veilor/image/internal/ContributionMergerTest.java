package org.veilor.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.veilor.core.FileAttrs;
import org.veilor.core.Finding;
import org.veilor.core.contrib.FirewallEntry;
import org.veilor.core.contrib.ImageContribution;
import org.veilor.core.contrib.OsContribution;
import org.veilor.core.contrib.OsFile;
import org.veilor.core.contrib.PackageSet;
import org.veilor.core.contrib.PackageSource;
import org.veilor.core.contrib.UnitState;

/** Merging contributions: identical additions merge, contradictions are errors naming both bundles. */
class ContributionMergerTest {

    static Contributed c(String bundle, ImageContribution.Builder b) {
        return new Contributed(new Origin(bundle, bundle), b.build());
    }

    static Finding onlyError(ContributionMerger.Result r) {
        List<Finding> errors = TestTrees.errors(r.findings());
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("image.conflict", errors.get(0).code());
        return errors.get(0);
    }

    static void namesBoth(Finding f, String a, String b) {
        assertTrue(f.message().contains(a) && f.message().contains(b), f.message());
    }

    @Test
    void samePathDifferentContentNamesBothBundles() {
        ContributionMerger.Result r = ContributionMerger.merge(List.of(
                c("org.veilor.mesh", ImageContribution.builder().file(OsFile.text("/etc/veilor/x.conf", "a=1\n", FileAttrs.PUBLIC))),
                c("org.veilor.seed", ImageContribution.builder().file(OsFile.text("/etc/veilor/x.conf", "a=2\n", FileAttrs.PUBLIC)))));
        Finding f = onlyError(r);
        namesBoth(f, "org.veilor.mesh", "org.veilor.seed");
        assertTrue(f.message().contains("/etc/veilor/x.conf"));
    }

    @Test
    void samePathSameContentMerges() {
        ContributionMerger.Result r = ContributionMerger.merge(List.of(
                c("a", ImageContribution.builder().file(OsFile.text("/etc/x", "same\n", FileAttrs.PUBLIC))),
                c("b", ImageContribution.builder().file(OsFile.text("/etc/x", "same\n", FileAttrs.PUBLIC)))));
        assertTrue(r.ok(), r.findings().toString());
        assertEquals("a", r.image().files().get("/etc/x").origin().bundle());
    }

    @Test
    void sameContentDifferentModeIsAConflict() {
        ContributionMerger.Result r = ContributionMerger.merge(List.of(
                c("a", ImageContribution.builder().file(OsFile.text("/etc/x", "same\n", FileAttrs.PUBLIC))),
                c("b", ImageContribution.builder().file(OsFile.text("/etc/x", "same\n", FileAttrs.PRIVATE)))));
        namesBoth(onlyError(r), "a", "b");
    }

    @Test
    void unitEnabledAndMaskedIsAConflict() {
        ContributionMerger.Result r = ContributionMerger.merge(List.of(
                c("a", ImageContribution.builder().unit(UnitState.enabled("x.service"))),
                c("b", ImageContribution.builder().unit(new UnitState("x.service", UnitState.Scope.SYSTEM, UnitState.State.MASKED)))));
        Finding f = onlyError(r);
        namesBoth(f, "a", "b");
        assertTrue(f.message().contains("enabled") && f.message().contains("masked"));
    }

    @Test
    void packageFromTwoSourcesOrInstalledAndRemovedIsAConflict() {
        Finding f = onlyError(ContributionMerger.merge(List.of(
                c("org.veilor.mesh.yggdrasil", ImageContribution.builder()
                        .packages(PackageSet.install(PackageSource.copr("neilalexander/yggdrasil-go"), "yggdrasil"))),
                c("other", ImageContribution.builder().packages(PackageSet.install(PackageSource.FEDORA, "yggdrasil"))))));
        namesBoth(f, "org.veilor.mesh.yggdrasil", "other");
        assertTrue(f.message().contains("COPR neilalexander/yggdrasil-go"));
        namesBoth(onlyError(ContributionMerger.merge(List.of(
                c("a", ImageContribution.builder().packages(PackageSet.install(PackageSource.FEDORA, "tmux"))),
                c("b", ImageContribution.builder().packages(PackageSet.remove("tmux")))))), "a", "b");
    }

    @Test
    void firewallEntriesMergeIntoOneZone() {
        ContributionMerger.Result r = ContributionMerger.merge(List.of(
                c("a", ImageContribution.builder().firewall(FirewallEntry.iface("veilor-tailnet", "tailscale0"))
                        .firewall(FirewallEntry.port("veilor-tailnet", "8101/tcp"))),
                c("b", ImageContribution.builder().firewall(FirewallEntry.port("veilor-tailnet", "4433/tcp"))
                        .firewall(FirewallEntry.port("veilor-tailnet", "8101/tcp"))
                        .firewall(FirewallEntry.service("veilor-tailnet", "mdns")))));
        assertTrue(r.ok());
        FirewallZone z = r.image().zones().get("veilor-tailnet");
        assertEquals(List.of("4433/tcp", "8101/tcp"), new ArrayList<>(z.ports().keySet()));
        String xml = FirewallRender.zoneXml(z);
        assertTrue(xml.contains("<interface name=\"tailscale0\"/>"), xml);
        assertTrue(xml.contains("<port protocol=\"tcp\" port=\"4433\"/>"), xml);
        assertTrue(xml.contains("<port protocol=\"tcp\" port=\"8101\"/>"), xml);
        assertTrue(xml.contains("<service name=\"mdns\"/>"), xml);
        assertTrue(xml.contains("Merged by veilor from: a, b"), xml);
    }

    @Test
    void interfaceInTwoZonesAndTwoTargetsAreConflicts() {
        namesBoth(onlyError(ContributionMerger.merge(List.of(
                c("a", ImageContribution.builder().firewall(FirewallEntry.iface("veilor-tailnet", "tailscale0"))),
                c("b", ImageContribution.builder().firewall(FirewallEntry.iface("veilor-other", "tailscale0")))))), "a", "b");
        namesBoth(onlyError(ContributionMerger.merge(List.of(
                c("a", ImageContribution.builder().firewall(FirewallEntry.target("veilor-x", "DROP"))),
                c("b", ImageContribution.builder().firewall(FirewallEntry.target("veilor-x", "ACCEPT")))))), "a", "b");
    }

    @Test
    void kernelArgumentWithTwoValuesIsAConflict() {
        namesBoth(onlyError(ContributionMerger.merge(List.of(
                c("a", ImageContribution.builder().kernelArg("lockdown=integrity")),
                c("b", ImageContribution.builder().kernelArg("lockdown=confidentiality"))))), "a", "b");
    }

    @Test
    void registrySnapshotIsOrderedWhateverTheRegistrationOrder() {
        List<String> ids = new ArrayList<>(List.of("org.veilor.seed", "org.veilor.mesh", "org.veilor.kickstart", "org.veilor.rnode"));
        for (int round = 0; round < 5; round++) {
            Collections.shuffle(ids, new java.util.Random(round));
            ContributionRegistry reg = new ContributionRegistry();
            for (String id : ids) {
                reg.add(contribution(id, ImageContribution.builder().build()), id);
            }
            assertEquals(List.of("org.veilor.kickstart", "org.veilor.mesh", "org.veilor.rnode", "org.veilor.seed"),
                    reg.snapshot().contributions().stream().map(x -> x.origin().id()).toList());
        }
    }

    @Test
    void aFailingContributionIsAnErrorNamingItsBundle() {
        ContributionRegistry reg = new ContributionRegistry();
        reg.add(new OsContribution() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public ImageContribution contribution() {
                throw new IllegalStateException("no config");
            }
        }, "org.veilor.broken");
        ContributionRegistry.Snapshot s = reg.snapshot();
        assertEquals(0, s.contributions().size());
        assertTrue(s.findings().get(0).message().contains("org.veilor.broken"), s.findings().toString());
    }

    static OsContribution contribution(String id, ImageContribution c) {
        return new OsContribution() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public ImageContribution contribution() {
                return c;
            }
        };
    }
}
