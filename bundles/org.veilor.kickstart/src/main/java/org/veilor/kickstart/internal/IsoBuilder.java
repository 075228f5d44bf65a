package org.veilor.kickstart.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.veilor.core.Folders;
import org.veilor.core.Host;
import org.veilor.core.ReleaseArtifact;

/**
 * Builds the bootstrap ISO the way Fedora's mkksiso does, with Debian's xorriso and mtools: the
 * netinstall ISO with install.ks in its root and {@code inst.ks=hd:LABEL=<volume id>:/install.ks}
 * on every boot entry — BIOS GRUB, the ISO's EFI GRUB, and the GRUB inside the El Torito EFI image
 * (a file such as images/efiboot.img, or an appended partition as Fedora 37+ lays it out). xorriso's
 * {@code -boot_image any replay} keeps both El Torito records and the hybrid MBR/GPT; the volume
 * id is kept unless a new one is asked for. The base ISO is only ever read.
 */
public final class IsoBuilder {

    private static final String EFI_IMAGE = "/images/efiboot.img";

    private final Tools tools;

    public IsoBuilder(Host host) {
        this.tools = new Tools(host);
    }

    /** What was built. */
    public record Result(Path iso, String volumeId, List<String> platforms, Map<String, Integer> entries) {
    }

    public Result build(Path base, Path out, Optional<String> label, String kickstart, boolean replace,
            ReleaseArtifact.Progress progress) throws IsoException, IOException {
        checkInput(base, out, replace);
        tools.require("xorriso", "xorriso");
        tools.require("mcopy", "mtools");
        progress.line("[1/5] reading the boot records of " + base.getFileName());
        ElTorito before = report(base);
        if (before.images().isEmpty()) {
            throw new IsoException(base + " has no El Torito boot record: not a bootable installer ISO");
        }
        if (before.volumeId().isEmpty() && label.isEmpty()) {
            throw new IsoException(base + " has no volume id for inst.ks=hd:LABEL=…: give one (--label)");
        }
        String volumeId = label.orElse(before.volumeId());
        Path work = Files.createTempDirectory(out.toAbsolutePath().getParent(), ".veilor-iso-");
        try {
            progress.line("[2/5] extracting the boot configuration");
            List<String> files = listFiles(base);
            List<String> grubs = files.stream().filter(f -> f.endsWith("/grub.cfg") || isSyslinux(f)).toList();
            List<String> fatImages = new ArrayList<>();
            before.images().stream().filter(i -> i.platform().equals("UEFI")).forEach(i -> i.path().ifPresent(fatImages::add));
            if (files.contains(EFI_IMAGE) && !fatImages.contains(EFI_IMAGE)) {
                fatImages.add(EFI_IMAGE);
            }
            Map<String, Path> local = extract(base, work, grubs, fatImages);
            Optional<Path> appended = appendedEfiImage(base, work, before);

            progress.line("[3/5] pointing every boot entry at " + GrubConfigEditor.ksArgument(volumeId));
            Map<String, Integer> entries = new LinkedHashMap<>();
            for (String g : grubs) {
                entries.put(g, editFile(local.get(g), before.volumeId(), volumeId, isSyslinux(g)));
            }
            for (String img : fatImages) {
                editFat(local.get(img), img, before.volumeId(), volumeId, entries);
            }
            if (appended.isPresent()) {
                editFat(appended.get(), "EFI partition " + before.efiPartition().get(), before.volumeId(), volumeId, entries);
            }
            if (entries.values().stream().mapToInt(Integer::intValue).sum() == 0) {
                throw new IsoException(base + " has no recognisable boot configuration: no GRUB menu entry (linux/linuxefi)"
                        + " in boot/grub2/grub.cfg, EFI/BOOT/grub.cfg or the EFI boot image");
            }
            Path ks = Files.writeString(work.resolve("install.ks"), kickstart, StandardCharsets.UTF_8);

            progress.line("[4/5] writing " + out.getFileName() + " (volume id " + volumeId + ")");
            Path tmp = work.resolve("out.iso");
            List<String> args = new ArrayList<>(List.of("-indev", base.toString(), "-outdev", tmp.toString(),
                    "-boot_image", "any", "replay"));
            label.ifPresent(l -> args.addAll(List.of("-volid", l)));
            args.addAll(List.of("-map", ks.toString(), "/install.ks"));
            for (String f : grubs) {
                args.addAll(List.of("-map", local.get(f).toString(), f));
            }
            for (String f : fatImages) {
                args.addAll(List.of("-map", local.get(f).toString(), f));
            }
            if (appended.isPresent()) {
                int n = before.efiPartition().get();
                args.addAll(List.of("-append_partition", String.valueOf(n),
                        before.appendedPartitionTypes().getOrDefault(n, "0xef"), appended.get().toString()));
            }
            args.add("-commit");
            tools.xorriso(args, l -> progress.line("      " + l));

            progress.line("[5/5] checking the boot records and volume id of the result");
            ElTorito after = report(tmp);
            if (!after.volumeId().equals(volumeId) || !after.platforms().equals(before.platforms())) {
                throw new IOException("the written ISO lost its boot records or volume id (before: " + before.platforms()
                        + " '" + volumeId + "', after: " + after.platforms() + " '" + after.volumeId() + "')");
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            progress.line("done: " + out + " (" + Files.size(out) / (1024 * 1024) + " MiB, boot records "
                    + after.platforms() + ", " + entries + " entries)");
            return new Result(out, volumeId, after.platforms(), entries);
        } finally {
            Folders.deleteTree(work);
        }
    }

    private static void checkInput(Path base, Path out, boolean replace) throws IsoException, IOException {
        if (!Files.isRegularFile(base)) {
            throw new IsoException("base ISO " + base + " does not exist or is not a file");
        }
        if (!isIso9660(base)) {
            throw new IsoException(base + " is not an ISO 9660 image (no CD001 volume descriptor at sector 16)");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IsoException("the folder of " + out + " does not exist");
        }
        if (Files.exists(out) && Files.isSameFile(out, base)) {
            throw new IsoException("the output must not be the base ISO: the input is never modified");
        }
        if (Files.exists(out) && !replace) {
            throw new IsoException(out + " exists; choose another name or replace it (--force)");
        }
    }

    /** An ISO 9660 primary volume descriptor starts at byte 32768 with type 1 and "CD001". */
    static boolean isIso9660(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer b = ByteBuffer.allocate(6);
            if (ch.read(b, 32768) < 6) {
                return false;
            }
            return new String(b.array(), 1, 5, StandardCharsets.US_ASCII).equals("CD001");
        }
    }

    ElTorito report(Path iso) throws IOException {
        String plain = tools.xorriso(List.of("-indev", iso.toString(), "-report_el_torito", "plain", "-pvd_info"), null);
        String mkisofs = tools.xorriso(List.of("-indev", iso.toString(), "-report_el_torito", "as_mkisofs"), null);
        return ElTorito.parse(plain, mkisofs);
    }

    private List<String> listFiles(Path iso) throws IOException {
        String out = tools.xorriso(List.of("-indev", iso.toString(), "-find", "/", "-type", "f"), null);
        List<String> files = new ArrayList<>();
        for (String line : out.split("\n")) {
            String l = line.strip();
            if (l.length() > 2 && l.startsWith("'") && l.endsWith("'")) {
                files.add(l.substring(1, l.length() - 1).replace("'\"'\"'", "'"));
            }
        }
        return files;
    }

    private Map<String, Path> extract(Path iso, Path work, List<String> grubs, List<String> images) throws IOException {
        Map<String, Path> local = new LinkedHashMap<>();
        List<String> args = new ArrayList<>(List.of("-osirrox", "on", "-indev", iso.toString()));
        int n = 0;
        for (String f : concat(grubs, images)) {
            Path target = work.resolve("f" + (n++) + "-" + Path.of(f).getFileName());
            local.put(f, target);
            args.addAll(List.of("-extract", f, target.toString()));
        }
        if (!local.isEmpty()) {
            tools.xorriso(args, null);
            for (Path p : local.values()) {
                p.toFile().setWritable(true, true);
            }
        }
        return local;
    }

    /** Fedora's EFI El Torito image lives in an appended GPT partition, not in the ISO tree. */
    private Optional<Path> appendedEfiImage(Path iso, Path work, ElTorito t) throws IOException {
        if (t.efiPartition().isEmpty()) {
            return Optional.empty();
        }
        Path dir = work.resolve("boot-images");
        tools.xorriso(List.of("-osirrox", "on", "-indev", iso.toString(), "-extract_boot_images", dir + "/"), null);
        int index = t.images().stream().filter(i -> i.platform().equals("UEFI")).findFirst().map(ElTorito.BootImage::index)
                .orElse(2);
        Path img = dir.resolve("eltorito_img" + index + "_uefi.img");
        if (!Files.isRegularFile(img)) {
            throw new IOException("xorriso did not extract the EFI boot image of partition " + t.efiPartition().get());
        }
        img.toFile().setWritable(true, true);
        return Optional.of(img);
    }

    /** ISOLINUX/SYSLINUX configurations: BIOS boot of ISOs made before GRUB took over. */
    private static boolean isSyslinux(String isoPath) {
        return isoPath.endsWith("/isolinux.cfg") || isoPath.endsWith("/syslinux.cfg");
    }

    private static int editFile(Path file, String oldId, String newId, boolean syslinux) throws IOException {
        GrubConfigEditor.Edit e = GrubConfigEditor.edit(Files.readString(file, StandardCharsets.UTF_8), oldId, newId,
                syslinux);
        Files.writeString(file, e.text(), StandardCharsets.UTF_8);
        return e.entries();
    }

    private void editFat(Path image, String name, String oldId, String newId, Map<String, Integer> entries)
            throws IOException, IsoException {
        List<String> configs = tools.grubConfigsIn(image);
        if (configs.isEmpty()) {
            throw new IsoException("the EFI boot image " + name + " has no grub.cfg: its boot entries could not load the kickstart");
        }
        for (String cfg : configs) {
            Path local = image.resolveSibling(image.getFileName() + "-" + entries.size() + ".cfg");
            tools.mtools("mcopy", image, "-n", cfg, local.toString());
            entries.put(name + ":" + cfg.substring(2), editFile(local, oldId, newId, false));
            tools.mtools("mcopy", image, "-o", local.toString(), cfg);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
