package org.veilor.rnode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.veilor.core.contrib.ImageContribution;
import org.veilor.core.contrib.OsFile;

/** The udev rule and the group it names. */
class RNodeContributionTest {

    @Test
    void udevRuleGivesTheGroupThePortsAndKeepsModemManagerOff() {
        ImageContribution c = new RNodeContribution().contribution();
        OsFile rule = c.files().stream().filter(f -> f.path().equals("/usr/lib/udev/rules.d/60-veilor-rnode.rules")).findFirst().orElseThrow();
        assertEquals(0644, rule.attrs().mode());
        String text = rule.text();
        for (RNodeContribution.UsbId id : RNodeContribution.DEVICES) {
            String tty = "SUBSYSTEM==\"tty\", ATTRS{idVendor}==\"" + id.vendor() + "\", ATTRS{idProduct}==\"" + id.product()
                    + "\", GROUP=\"veilor-rnode\", MODE=\"0660\", ENV{ID_MM_DEVICE_IGNORE}=\"1\"";
            assertTrue(text.contains(tty), "missing: " + tty);
            assertTrue(text.contains("ATTRS{idVendor}==\"" + id.vendor() + "\", ATTRS{idProduct}==\"" + id.product()
                    + "\", ENV{ID_MM_DEVICE_IGNORE}=\"1\"\n"), id.toString());
        }
        assertTrue(text.contains("10c4") && text.contains("1a86") && text.contains("303a") && text.contains("239a"));
        // every GOTO has its label, every line is a comment, blank, or key-op-value pairs
        assertTrue(text.contains("GOTO=\"veilor_rnode_end\"") && text.trim().endsWith("LABEL=\"veilor_rnode_end\""));
        for (String line : text.split("\n")) {
            assertTrue(line.isEmpty() || line.startsWith("#") || line.matches("([A-Z_]+(\\{[A-Za-z_]+\\})?(==|!=|=|\\+=)\"[^\"]*\"(, )?)+"), line);
        }
    }

    @Test
    void sysusersCreatesTheGroup() {
        List<OsFile> files = new RNodeContribution().contribution().files();
        OsFile sysusers = files.stream().filter(f -> f.path().equals("/usr/lib/sysusers.d/veilor-rnode.conf")).findFirst().orElseThrow();
        assertTrue(sysusers.text().lines().anyMatch(l -> l.equals("g veilor-rnode -")), sysusers.text());
    }
}
