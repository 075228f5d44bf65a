package org.veilor.kickstart.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.veilor.testsupport.FedoraShapedIso;

class GrubConfigEditorTest {

    static final String ID = FedoraShapedIso.VOLUME_ID;
    static final String KS = "inst.ks=hd:LABEL=" + ID + ":/install.ks";

    @Test
    void everyKernelLineGetsTheKickstartAndNothingElseChanges() {
        String cfg = FedoraShapedIso.grubConfig(false, ID);
        GrubConfigEditor.Edit e = GrubConfigEditor.edit(cfg, ID, ID);
        assertEquals(FedoraShapedIso.ENTRIES, e.entries());
        assertEquals(FedoraShapedIso.ENTRIES, GrubConfigEditor.entriesLoading(e.text(), ID));
        assertEquals(cfg.replace(" quiet\n", " quiet " + KS + "\n"), e.text());
    }

    @Test
    void editingTwiceReplacesTheEarlierKickstart() {
        String once = GrubConfigEditor.edit(FedoraShapedIso.grubConfig(true, ID), ID, ID).text();
        String twice = GrubConfigEditor.edit(once, ID, ID).text();
        assertEquals(once, twice);
        String other = once.replace(KS, "inst.ks=http://example.invalid/ks.cfg");
        assertEquals(once, GrubConfigEditor.edit(other, ID, ID).text());
    }

    @Test
    void aNewVolumeIdReplacesEveryMentionAndSpacesAreEscaped() {
        String cfg = FedoraShapedIso.grubConfig(false, "Fedora 43 netinst");
        assertTrue(cfg.contains("hd:LABEL=Fedora\\x2043\\x20netinst"));
        String edited = GrubConfigEditor.edit(cfg, "Fedora 43 netinst", "VEILOR 43").text();
        assertFalse(edited.contains("Fedora 43 netinst") || edited.contains("Fedora\\x2043\\x20netinst"), edited);
        assertTrue(edited.contains("search --no-floppy --set=root -l 'VEILOR 43'"));
        assertTrue(edited.contains("inst.stage2=hd:LABEL=VEILOR\\x2043 "));
        assertEquals(FedoraShapedIso.ENTRIES, GrubConfigEditor.entriesLoading(edited, "VEILOR 43"));
    }

    @Test
    void crlfLinesStayCrlf() {
        String cfg = "menuentry 'x' {\r\n\tlinux /vmlinuz quiet\r\n}\r\n";
        assertEquals("menuentry 'x' {\r\n\tlinux /vmlinuz quiet " + KS + "\r\n}\r\n", GrubConfigEditor.edit(cfg, ID, ID).text());
    }

    @Test
    void isolinuxAppendLinesAreEditedOnlyInIsolinuxFiles() {
        String isolinux = "label linux\n  menu label ^Install\n  kernel vmlinuz\n  append initrd=initrd.img inst.stage2=hd:LABEL="
                + ID + " quiet\n";
        GrubConfigEditor.Edit e = GrubConfigEditor.edit(isolinux, ID, ID, true);
        assertEquals(1, e.entries());
        assertTrue(e.text().contains("quiet " + KS + "\n"), e.text());
        assertEquals(0, GrubConfigEditor.edit(isolinux, ID, ID).entries(), "append is no GRUB command");
    }
}
