package org.veilor.kickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.veilor.kickstart.KickstartValidatorTest.errors;
import static org.veilor.kickstart.KickstartValidatorTest.only;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.veilor.core.Finding;
import org.veilor.core.ReleaseStage;

/** Every strategy rule: a failing case with the line it must name, and the allowed neighbour. */
class StrategyRulesTest {

    /** A valid veilor install kickstart; the cases below change one thing. */
    static final String GOOD = """
            graphical
            ignoredisk --only-use=vda
            clearpart --all --initlabel --disklabel=gpt --drives=vda
            reqpart --add-boot
            part / --fstype=btrfs --grow --encrypted --luks-version=luks2
            ostreecontainer --url=ghcr.io/veilor/veilor-os:43 --transport=registry
            reboot
            """;

    static List<Finding> check(String text, ReleaseStage stage) {
        return KickstartValidator.validate(text, "t.ks", KickstartValidator.Options.strategy(stage));
    }

    static List<Finding> check(String text) {
        return check(text, ReleaseStage.V0_7);
    }

    static String errorAt(String text, String code) {
        List<Finding> f = check(text);
        return only(errors(f), code).location();
    }

    @Test
    void theGoodKickstartHasNoFindings() {
        assertEquals(List.of(), check(GOOD));
    }

    @Test
    void payloadIsRequired() {
        assertEquals("t.ks", errorAt(GOOD.replace("ostreecontainer --url=ghcr.io/veilor/veilor-os:43 --transport=registry\n", ""),
                "strategy.no-payload"));
    }

    @Test
    void packagesWithOstreecontainer() {
        assertEquals("t.ks:8", errorAt(GOOD + "%packages\n@core\n%end\n", "strategy.packages-with-ostreecontainer"));
    }

    @Test
    void ostreecontainerWithOstreesetupOrBootc() {
        assertEquals("t.ks:8", errorAt(GOOD + "ostreesetup --osname=fedora --url=file:///x --ref=fedora/43\n",
                "kickstart.conflict"));
        assertEquals("t.ks:8", only(check(GOOD + "bootc --source-imgref=registry:ghcr.io/veilor/veilor-os:43\n",
                ReleaseStage.V1_0), "kickstart.conflict").location());
    }

    @Test
    void bootcOnlyFromReleaseOneWithTheGatesReason() {
        String bootc = GOOD.replace("ostreecontainer --url=ghcr.io/veilor/veilor-os:43 --transport=registry",
                "bootc --source-imgref=registry:ghcr.io/veilor/veilor-os:43 --target-imgref=ghcr.io/veilor/veilor-os:43");
        Finding f = only(check(bootc, ReleaseStage.V0_8), "strategy.bootc-before-v1");
        assertEquals("t.ks:6", f.location());
        assertTrue(f.message().contains("only from release v1.0") && f.message().contains("v0.8"), f.message());
        assertEquals(List.of(), check(bootc, ReleaseStage.V1_0));
    }

    @Test
    void bootcWithSeveralDisksOrNoDiskLimit() {
        String bootc = GOOD.replace("ostreecontainer --url=ghcr.io/veilor/veilor-os:43 --transport=registry",
                "bootc --source-imgref=registry:ghcr.io/veilor/veilor-os:43");
        Finding two = only(check(bootc.replace("--only-use=vda", "--only-use=vda,vdb"), ReleaseStage.V1_0),
                "strategy.bootc-multi-disk");
        assertEquals("t.ks:6", two.location());
        assertTrue(two.message().contains("vda, vdb"), two.message());
        assertEquals("t.ks:6", only(check(bootc.replace("ignoredisk --only-use=vda\n", "\n")
                .replace(" --drives=vda", ""), ReleaseStage.V1_0), "strategy.bootc-multi-disk").location());
    }

    @Test
    void bootcWithAnAuthenticatedRegistry() {
        String bootc = GOOD.replace("ostreecontainer --url=ghcr.io/veilor/veilor-os:43 --transport=registry",
                "bootc --source-imgref=registry:ghcr.io/veilor/veilor-os:43")
                + "%pre\nmkdir -p /etc/ostree\necho \"$TOKEN\" > /etc/ostree/auth.json\n%end\n";
        assertEquals("t.ks:10", only(check(bootc, ReleaseStage.V1_0), "strategy.bootc-authenticated-registry").location());
    }

    @Test
    void rootMustBeEncryptedInEveryLayout() {
        assertEquals("t.ks:5", errorAt(GOOD.replace(" --encrypted --luks-version=luks2", ""), "strategy.root-not-encrypted"));
        String lvm = GOOD.replace("part / --fstype=btrfs --grow --encrypted --luks-version=luks2",
                "part pv.01 --grow\nvolgroup vg pv.01\nlogvol / --vgname=vg --name=root --grow");
        assertEquals("t.ks:7", errorAt(lvm, "strategy.root-not-encrypted"));
        assertEquals(List.of(), check(lvm.replace("part pv.01 --grow", "part pv.01 --grow --encrypted")));
        String btrfs = GOOD.replace("part / --fstype=btrfs --grow --encrypted --luks-version=luks2",
                "part btrfs.01 --grow\nbtrfs none --label=v btrfs.01\nbtrfs / --subvol --name=root v");
        assertEquals("t.ks:7", errorAt(btrfs, "strategy.root-not-encrypted"));
        assertEquals(List.of(), check(btrfs.replace("part btrfs.01 --grow", "part btrfs.01 --grow --encrypted")));
        String raid = GOOD.replace("part / --fstype=btrfs --grow --encrypted --luks-version=luks2",
                "part raid.1 --grow\npart raid.2 --grow\nraid / --level=1 --device=md0 raid.1 raid.2");
        assertEquals("t.ks:7", errorAt(raid, "strategy.root-not-encrypted"));
        assertEquals("t.ks:2", errorAt("text\nautopart --type=lvm\nostreecontainer --url=x\n", "strategy.root-not-encrypted"));
        assertEquals(List.of(), errors(check("text\nautopart --encrypted\nostreecontainer --url=x\n")));
    }

    @Test
    void noPartitioningLeavesTheDiskChoiceToTheInstaller() {
        List<Finding> f = check("graphical\nostreecontainer --url=ghcr.io/veilor/veilor-os:43\n");
        assertEquals(List.of(), errors(f));
        only(f, "strategy.interactive-storage");
        only(check("graphical\n%include /tmp/part.ks\nostreecontainer --url=x\n"), "strategy.root-unknown");
    }

    @Test
    void wipingIsRefusedUnlessTheDisksAreNamed() {
        String unlimited = GOOD.replace("ignoredisk --only-use=vda\n", "zerombr\n").replace(" --drives=vda", "");
        List<Finding> f = errors(check(unlimited));
        assertEquals(List.of("t.ks:3", "t.ks:2"), f.stream().filter(x -> x.code().equals("strategy.unlimited-wipe"))
                .map(Finding::location).toList());
        assertEquals("t.ks:3", errorAt(GOOD.replace("ignoredisk --only-use=vda\n", "\n").replace("--all", "--linux")
                .replace(" --drives=vda", ""), "strategy.unlimited-wipe"));
        // either limit suffices
        assertEquals(List.of(), check(GOOD.replace("ignoredisk --only-use=vda\n", "zerombr\n")));
        assertEquals(List.of(), check(GOOD.replace(" --drives=vda", "")));
    }

    @Test
    void rebaseInPostToAnotherImage() {
        assertEquals("t.ks:10", errorAt(GOOD + "%post\necho hi\nbootc switch ghcr.io/someone/else:43\n%end\n",
                "strategy.rebase-in-post"));
        assertEquals("t.ks:9", errorAt(GOOD + "%post --erroronfail\nrpm-ostree rebase ostree-unverified-registry:quay.io/fedora/x:43 && reboot\n%end\n",
                "strategy.rebase-in-post"));
        assertEquals("t.ks:9", errorAt(GOOD + "%post\n/usr/bin/bootc switch \\\n  --transport registry ghcr.io/x/y:1\n%end\n",
                "strategy.rebase-in-post"));
    }

    @Test
    void theSignedOriginOfTheSameImageIsAllowed() {
        assertEquals(List.of(), check(GOOD + "%post\nbootc switch --mutate-in-place --enforce-container-sigpolicy"
                + " --transport registry ghcr.io/veilor/veilor-os:43\n%end\n"));
        assertEquals(List.of(), check(GOOD
                + "%post\nrpm-ostree rebase ostree-image-signed:docker://ghcr.io/veilor/veilor-os:43\n%end\n"));
        // the same image without --mutate-in-place stages a second deployment
        assertEquals("t.ks:9", errorAt(GOOD + "%post\nbootc switch ghcr.io/veilor/veilor-os:43\n%end\n",
                "strategy.rebase-in-post"));
    }

    @Test
    void aFirstBootRebaseUnitIsRefusedEvenToTheSameImage() {
        String unit = GOOD + """
                %post
                cat > /etc/systemd/system/veilor-rebase.service <<'EOF'
                [Service]
                Type=oneshot
                ExecStart=/usr/bin/rpm-ostree rebase ostree-image-signed:docker://ghcr.io/veilor/veilor-os:43
                EOF
                systemctl enable veilor-rebase.service
                %end
                """;
        List<Finding> f = errors(check(unit));
        assertEquals(List.of("t.ks:12", "t.ks:14"), f.stream().map(Finding::location).toList(), f.toString());
        assertTrue(f.stream().allMatch(x -> x.code().equals("strategy.first-boot-rebase")));
    }

    @Test
    void warningsForPassphrasesAndUnverifiedOrigins() {
        assertEquals("t.ks:5", only(check(GOOD.replace("--luks-version=luks2", "--luks-version=luks2 --passphrase=x")),
                "strategy.passphrase-in-file").location());
        assertEquals("t.ks:6", only(check(GOOD.replace("--transport=registry", "--transport=registry --no-signature-verification")),
                "strategy.unverified-origin").location());
    }

    @Test
    void theSpecsF43ExampleBreaksOnlyTheWipeRule() throws Exception {
        List<Finding> f = check(KickstartValidatorTest.resource("/spec/f43-example.ks"));
        assertEquals(List.of("ERROR strategy.unlimited-wipe t.ks:2", "ERROR strategy.unlimited-wipe t.ks:1",
                "WARNING strategy.passphrase-in-file t.ks:4", "WARNING strategy.unverified-origin t.ks:6"),
                f.stream().map(x -> x.severity() + " " + x.code() + " " + x.location()).toList());
    }
}
