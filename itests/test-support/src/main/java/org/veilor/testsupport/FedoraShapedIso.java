package org.veilor.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds, with the real xorriso, mkfs.vfat and mtools, a small ISO shaped like a Fedora netinstall:
 * El Torito BIOS record (images/eltorito.img, boot-info-table) and EFI record, an EFI FAT image
 * with its own EFI/BOOT/grub.cfg, boot/grub2/grub.cfg and EFI/BOOT/grub.cfg in the tree, each with
 * several menu entries naming the volume id. Two layouts: the EFI image as an appended GPT
 * partition with a hybrid MBR (Fedora 37 and later, lorax), or as the file images/efiboot.img.
 * The boot images hold no real boot loader: the tests check the structure, not a boot.
 */
public final class FedoraShapedIso {

    public static final String VOLUME_ID = "Fedora-E-dvd-x86_64-43";

    private FedoraShapedIso() {
    }

    /** The GRUB configuration of the ISO tree; {@code efi} switches to linuxefi/initrdefi as Fedora's EFI one. */
    public static String grubConfig(boolean efi, String volumeId) {
        String linux = efi ? "linuxefi" : "linux";
        String initrd = efi ? "initrdefi" : "initrd";
        String stage2 = "inst.stage2=hd:LABEL=" + volumeId.replace(" ", "\\x20");
        return "set default=\"1\"\n"
                + "function load_video {\n  insmod all_video\n}\n"
                + "search --no-floppy --set=root -l '" + volumeId + "'\n"
                + "set timeout=60\n\n"
                + "menuentry 'Install Fedora 43' --class fedora --class gnu-linux --class gnu --class os {\n"
                + "\t" + linux + " /images/pxeboot/vmlinuz " + stage2 + " quiet\n"
                + "\t" + initrd + " /images/pxeboot/initrd.img\n}\n"
                + "menuentry 'Test this media & install Fedora 43' --class fedora --class gnu-linux --class gnu --class os {\n"
                + "\t" + linux + " /images/pxeboot/vmlinuz " + stage2 + " rd.live.check quiet\n"
                + "\t" + initrd + " /images/pxeboot/initrd.img\n}\n"
                + "submenu 'Troubleshooting -->' {\n"
                + "\tmenuentry 'Install Fedora 43 in basic graphics mode' --class fedora --class gnu-linux --class gnu --class os {\n"
                + "\t\t" + linux + " /images/pxeboot/vmlinuz " + stage2 + " nomodeset quiet\n"
                + "\t\t" + initrd + " /images/pxeboot/initrd.img\n\t}\n"
                + "\tmenuentry 'Rescue a Fedora system' --class fedora --class gnu-linux --class gnu --class os {\n"
                + "\t\t" + linux + " /images/pxeboot/vmlinuz " + stage2 + " inst.rescue quiet\n"
                + "\t\t" + initrd + " /images/pxeboot/initrd.img\n\t}\n}\n";
    }

    /** Menu entries (kernel lines) in each of the three configurations. */
    public static final int ENTRIES = 4;

    /**
     * Builds the ISO.
     *
     * @param dir a folder for the build
     * @param appendedEfiPartition Fedora 37+ layout (EFI image in an appended GPT partition) or the file layout
     */
    public static Path build(Path dir, boolean appendedEfiPartition) throws IOException, InterruptedException {
        Path tree = dir.resolve("tree");
        deleteTree(tree); // a second build in the same folder starts afresh
        Files.createDirectories(tree.resolve("boot/grub2"));
        Files.createDirectories(tree.resolve("EFI/BOOT"));
        Files.createDirectories(tree.resolve("images/pxeboot"));
        Files.writeString(tree.resolve("boot/grub2/grub.cfg"), grubConfig(false, VOLUME_ID));
        Files.writeString(tree.resolve("EFI/BOOT/grub.cfg"), grubConfig(true, VOLUME_ID));
        Files.writeString(tree.resolve("images/pxeboot/vmlinuz"), "not a kernel\n");
        Files.writeString(tree.resolve("images/pxeboot/initrd.img"), "not an initrd\n");
        Files.write(tree.resolve("images/eltorito.img"), new byte[4096]);
        Path efiCfg = Files.writeString(dir.resolve("efiboot-grub.cfg"), grubConfig(true, VOLUME_ID) + "# efiboot.img\n");
        Path efi = dir.resolve("efiboot.img");
        Files.deleteIfExists(efi);
        run(dir, "mkfs.vfat", "-C", efi.toString(), "2880", "-n", "ANACONDA");
        run(dir, "mmd", "-i", efi.toString(), "::/EFI", "::/EFI/BOOT");
        run(dir, "mcopy", "-i", efi.toString(), efiCfg.toString(), "::/EFI/BOOT/grub.cfg");
        Files.copy(efi, tree.resolve("images/efiboot.img"));
        Path iso = dir.resolve(appendedEfiPartition ? "fedora-netinst-gpt.iso" : "fedora-netinst-file.iso");
        Files.deleteIfExists(iso);
        List<String> argv = new ArrayList<>(List.of("xorriso", "-as", "mkisofs", "-o", iso.toString(), "-R", "-J",
                "-V", VOLUME_ID));
        if (appendedEfiPartition) {
            argv.addAll(List.of("-partition_offset", "16", "-appended_part_as_gpt", "-append_partition", "2",
                    "C12A7328-F81F-11D2-BA4B-00A0C93EC93B", efi.toString(), "-c", "boot.cat", "--boot-catalog-hide",
                    "-b", "images/eltorito.img", "-no-emul-boot", "-boot-load-size", "4", "-boot-info-table",
                    "-eltorito-alt-boot", "-e", "--interval:appended_partition_2:all::", "-no-emul-boot"));
        } else {
            argv.addAll(List.of("-c", "boot.cat", "-b", "images/eltorito.img", "-no-emul-boot", "-boot-load-size", "4",
                    "-boot-info-table", "-eltorito-alt-boot", "-e", "images/efiboot.img", "-no-emul-boot"));
        }
        argv.add(tree.toString());
        run(dir, argv.toArray(String[]::new));
        return iso;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** mkfs.vfat lives in /usr/sbin, which a test JVM's PATH may lack. */
    private static String locate(String tool) {
        if (tool.contains("/")) {
            return tool;
        }
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (String d : dirs) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return Path.of(d, tool).toString();
            }
        }
        return tool;
    }

    /** Runs a tool (argv, no shell) and returns its standard output; throws with all its output when it fails. */
    public static String run(Path dir, String... argv) throws IOException, InterruptedException {
        String[] resolved = argv.clone();
        resolved[0] = locate(argv[0]);
        Path err = Files.createTempFile(dir, ".stderr-", ".txt");
        ProcessBuilder pb = new ProcessBuilder(resolved).directory(dir.toFile()).redirectError(err.toFile());
        pb.environment().put("MTOOLS_SKIP_CHECK", "1");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(argv[0] + " timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        String errors = Files.readString(err);
        Files.delete(err);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " failed (" + p.exitValue() + "):\n" + text + errors);
        }
        return text;
    }
}
