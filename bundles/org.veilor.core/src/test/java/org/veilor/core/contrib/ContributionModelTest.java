package org.veilor.core.contrib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.veilor.core.FileAttrs;

class ContributionModelTest {

    @Test
    void filesNeedAbsoluteNormalPathsAndCompareByContent() {
        OsFile a = OsFile.text("/usr/lib/systemd/system/veilor.service", "[Unit]\n", FileAttrs.PUBLIC);
        OsFile b = OsFile.text("/usr/lib/systemd/system/veilor.service", "[Unit]\n", FileAttrs.PUBLIC);
        assertEquals(a, b);
        assertTrue(a.sameContent(b));
        assertFalse(a.sameContent(OsFile.text(a.path(), "[Unit]\n", FileAttrs.PRIVATE)));
        for (String bad : new String[] { "etc/x", "/etc/../x", "/etc/x/", "/etc/.." }) {
            assertThrows(IllegalArgumentException.class, () -> OsFile.text(bad, "", FileAttrs.PUBLIC), bad);
        }
        byte[] content = a.content();
        content[0] = 'X';
        assertEquals("[Unit]\n", a.text(), "content is copied, not shared");
    }

    @Test
    void packageSourcesAndNamesAreChecked() {
        assertEquals(PackageSource.Kind.COPR, PackageSource.copr("secureblue/selinux-policy").kind());
        assertThrows(IllegalArgumentException.class, () -> PackageSource.copr("no-slash"));
        assertThrows(IllegalArgumentException.class, () -> PackageSource.repoUrl(" ", null));
        assertThrows(IllegalArgumentException.class, () -> PackageSet.install(PackageSource.FEDORA, "ok", "not ok"));
        assertEquals(1, PackageSet.install(PackageSource.FEDORA, "tailscale").install().size());
    }

    @Test
    void firewallEntriesAreStructured() {
        assertEquals("41641/udp", FirewallEntry.port("public", "41641/udp").value());
        assertThrows(IllegalArgumentException.class, () -> FirewallEntry.port("public", "41641"));
        assertThrows(IllegalArgumentException.class, () -> FirewallEntry.iface("Bad Zone", "tailscale0"));
        assertThrows(IllegalArgumentException.class, () -> FirewallEntry.target("trusted", "LETMEIN"));
        assertEquals(FirewallEntry.Kind.TARGET, FirewallEntry.target("trusted", "ACCEPT").kind());
    }

    @Test
    void unitsJustfilesScriptsAndKernelArgsAreChecked() {
        assertEquals(UnitState.State.DISABLED, UnitState.disabled("tailscaled.service").state());
        assertThrows(IllegalArgumentException.class, () -> UnitState.enabled("tailscaled"));
        assertThrows(IllegalArgumentException.class, () -> new Justfile("Veilor.just", ""));
        assertThrows(IllegalArgumentException.class, () -> new BuildScript("install", ""));
        ImageContribution.Builder b = ImageContribution.builder();
        assertThrows(IllegalArgumentException.class, () -> b.kernelArg("two words"));
        ImageContribution c = b.kernelArg("lockdown=confidentiality").unit(UnitState.enabled("yggdrasil.service")).build();
        assertEquals(1, c.kernelArgs().size());
        assertThrows(UnsupportedOperationException.class, () -> c.units().clear());
    }
}
