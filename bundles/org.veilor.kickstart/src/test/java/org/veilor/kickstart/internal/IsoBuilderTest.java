package org.veilor.kickstart.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.veilor.testsupport.FedoraShapedIso.ENTRIES;
import static org.veilor.testsupport.FedoraShapedIso.VOLUME_ID;
import static org.veilor.testsupport.FedoraShapedIso.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.veilor.testsupport.FedoraShapedIso;

/**
 * Builds a Fedora-shaped ISO with the real xorriso, mkfs.vfat and mtools, runs the builder on it,
 * and checks the result with {@code xorriso -report_el_torito} and mtools: volume id and both boot
 * records kept, install.ks identical, every entry of all three GRUB configurations pointing at it,
 * the base ISO untouched.
 */
class IsoBuilderTest {

    static final String KS = "# test kickstart\nostreecontainer --url=ghcr.io/veilor/veilor-os:43\n";

    static IsoBuilder builder(Path dir) throws Exception {
        return new IsoBuilder(IsoBuilderTestHost.host(dir));
    }

    static byte[] sha256(Path file) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    }

    @ParameterizedTest(name = "appended EFI partition: {0}")
    @ValueSource(booleans = { true, false })
    void buildsTheBootstrapIsoKeepingBootRecordsAndVolumeId(boolean appended, @TempDir Path dir) throws Exception {
        Path base = FedoraShapedIso.build(dir, appended);
        byte[] baseHash = sha256(base);
        String reportBefore = run(dir, "xorriso", "-indev", base.toString(), "-report_el_torito", "plain");
        Path out = dir.resolve("veilor-bootstrap.iso");
        List<String> progress = new ArrayList<>();

        IsoBuilder.Result r = builder(dir).build(base, out, Optional.empty(), KS, false, progress::add);

        assertArrayEquals(baseHash, sha256(base), "the base ISO is never modified");
        String report = run(dir, "xorriso", "-indev", out.toString(), "-report_el_torito", "plain");
        assertEquals(VOLUME_ID, volumeId(dir, out));
        assertEquals(bootRecords(reportBefore), bootRecords(report));
        assertEquals(List.of("BIOS", "UEFI"), bootRecords(report).stream().map(l -> l.split("\\s+")[6]).toList());
        assertTrue(report.contains("El Torito img path :   1  /images/eltorito.img"), report);
        assertEquals(List.of("BIOS", "UEFI"), r.platforms());

        Path x = Files.createDirectories(dir.resolve("check"));
        run(dir, "xorriso", "-osirrox", "on", "-indev", out.toString(), "-extract", "/install.ks", x + "/install.ks",
                "-extract", "/boot/grub2/grub.cfg", x + "/bios.cfg", "-extract", "/EFI/BOOT/grub.cfg", x + "/efi.cfg",
                "-extract", "/images/efiboot.img", x + "/efiboot.img", "-extract_boot_images", x + "/boot/");
        assertEquals(KS, Files.readString(x.resolve("install.ks")));
        String ks = "inst.ks=hd:LABEL=" + VOLUME_ID + ":/install.ks";
        assertEveryEntryLoads(Files.readString(x.resolve("bios.cfg")), ks, "linux");
        assertEveryEntryLoads(Files.readString(x.resolve("efi.cfg")), ks, "linuxefi");
        // the EFI image El Torito boots (from the appended partition or the file) and the tree's copy
        Path efiImage = x.resolve("boot/eltorito_img2_uefi.img");
        for (Path img : List.of(efiImage, x.resolve("efiboot.img"))) {
            String cfg = run(dir, "mtype", "-i", img.toString(), "::/EFI/BOOT/grub.cfg");
            assertEveryEntryLoads(cfg, ks, "linuxefi");
            assertTrue(cfg.contains("# efiboot.img"), "the image's own grub.cfg was edited");
        }
        if (appended) {
            String mkisofs = run(dir, "xorriso", "-indev", out.toString(), "-report_el_torito", "as_mkisofs");
            assertTrue(mkisofs.contains("-e '--interval:appended_partition_2"), mkisofs);
            String area = run(dir, "xorriso", "-indev", out.toString(), "-report_system_area", "plain");
            String areaBefore = run(dir, "xorriso", "-indev", base.toString(), "-report_system_area", "plain");
            String summary = "System area summary: MBR protective-msdos-label cyl-align-off GPT";
            assertTrue(areaBefore.contains(summary) && area.contains(summary), "hybrid MBR/GPT kept: " + area);
        }
        assertEquals(6, progress.stream().filter(l -> l.startsWith("[") || l.startsWith("done")).count(), progress.toString());
        assertEquals(ENTRIES * (appended ? 4 : 3), r.entries().values().stream().mapToInt(Integer::intValue).sum(),
                r.entries().toString());
        try (Stream<Path> s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".veilor-iso-")), "work folder removed");
        }
    }

    @Test
    void aNewVolumeIdIsSetEverywhere(@TempDir Path dir) throws Exception {
        Path base = FedoraShapedIso.build(dir, true);
        Path out = dir.resolve("relabelled.iso");
        builder(dir).build(base, out, Optional.of("VEILOR-43"), KS, false, l -> { });
        assertEquals("VEILOR-43", volumeId(dir, out));
        Path x = Files.createDirectories(dir.resolve("check"));
        run(dir, "xorriso", "-osirrox", "on", "-indev", out.toString(), "-extract", "/boot/grub2/grub.cfg", x + "/bios.cfg");
        String bios = Files.readString(x.resolve("bios.cfg"));
        assertFalse(bios.contains(VOLUME_ID), "the old label must not remain (stage2, search -l)");
        assertTrue(bios.contains("search --no-floppy --set=root -l 'VEILOR-43'"));
        assertEveryEntryLoads(bios, "inst.ks=hd:LABEL=VEILOR-43:/install.ks", "linux");
    }

    @Test
    void refusesInputThatIsNotIso9660(@TempDir Path dir) throws Exception {
        Path notIso = Files.write(dir.resolve("disk.img"), new byte[64 * 1024]);
        IsoException e = assertThrows(IsoException.class,
                () -> builder(dir).build(notIso, dir.resolve("o.iso"), Optional.empty(), KS, false, l -> { }));
        assertTrue(e.getMessage().contains("is not an ISO 9660 image"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("o.iso")));
    }

    @Test
    void refusesAnIsoWithNoRecognisableBootConfiguration(@TempDir Path dir) throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree/images"));
        Files.write(tree.resolve("eltorito.img"), new byte[4096]);
        Files.writeString(Files.createDirectories(dir.resolve("tree/boot/grub2")).resolve("grub.cfg"), "set timeout=5\n");
        Path bootable = dir.resolve("no-entries.iso");
        run(dir, "xorriso", "-as", "mkisofs", "-o", bootable.toString(), "-V", "X", "-b", "images/eltorito.img",
                "-no-emul-boot", dir.resolve("tree").toString());
        IsoException e = assertThrows(IsoException.class,
                () -> builder(dir).build(bootable, dir.resolve("o.iso"), Optional.empty(), KS, false, l -> { }));
        assertTrue(e.getMessage().contains("has no recognisable boot configuration"), e.getMessage());

        Path plain = dir.resolve("data.iso");
        run(dir, "xorriso", "-as", "mkisofs", "-o", plain.toString(), "-V", "DATA", dir.resolve("tree").toString());
        IsoException none = assertThrows(IsoException.class,
                () -> builder(dir).build(plain, dir.resolve("o.iso"), Optional.empty(), KS, false, l -> { }));
        assertTrue(none.getMessage().contains("has no El Torito boot record"), none.getMessage());
        assertFalse(Files.exists(dir.resolve("o.iso")));
    }

    @Test
    void neverWritesOverTheBaseOrAnExistingFile(@TempDir Path dir) throws Exception {
        Path base = FedoraShapedIso.build(dir, false);
        byte[] hash = sha256(base);
        IsoException same = assertThrows(IsoException.class,
                () -> builder(dir).build(base, base, Optional.empty(), KS, true, l -> { }));
        assertTrue(same.getMessage().contains("must not be the base ISO"), same.getMessage());
        Path existing = Files.writeString(dir.resolve("exists.iso"), "keep");
        IsoException exists = assertThrows(IsoException.class,
                () -> builder(dir).build(base, existing, Optional.empty(), KS, false, l -> { }));
        assertTrue(exists.getMessage().contains("exists"), exists.getMessage());
        assertEquals("keep", Files.readString(existing));
        assertArrayEquals(hash, sha256(base));
    }

    static String volumeId(Path dir, Path iso) throws Exception {
        return run(dir, "xorriso", "-indev", iso.toString(), "-pvd_info").lines()
                .filter(l -> l.startsWith("Volume Id")).map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst()
                .orElse("");
    }

    static List<String> bootRecords(String report) {
        return report.lines().filter(l -> l.startsWith("El Torito boot img :")).map(l -> {
            // the LBA column moves when files change; platform, emulation and load size must not
            String[] f = l.trim().split("\\s+");
            return String.join(" ", List.of(f).subList(0, f.length - 1));
        }).toList();
    }

    static void assertEveryEntryLoads(String cfg, String ks, String kernelCommand) {
        List<String> kernels = cfg.lines().filter(l -> l.strip().startsWith(kernelCommand + " ")).toList();
        assertEquals(ENTRIES, kernels.size(), cfg);
        for (String k : kernels) {
            assertTrue(k.strip().endsWith(" " + ks), k);
            assertTrue(k.contains("inst.stage2=hd:LABEL="), k);
        }
    }
}
