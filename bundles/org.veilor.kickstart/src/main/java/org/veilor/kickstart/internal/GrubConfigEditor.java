package org.veilor.kickstart.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Points every boot entry of a GRUB configuration at the kickstart: each {@code linux},
 * {@code linuxefi} or {@code linux16} line gets {@code inst.ks=hd:LABEL=<volume id>:/install.ks}
 * (replacing an earlier {@code inst.ks=}), as Fedora's mkksiso does. When the volume id changes,
 * every mention of the old one ({@code inst.stage2=hd:LABEL=…}, {@code search -l '…'}) follows.
 * ISOLINUX configurations (older ISOs boot BIOS with it) are edited the same way on their
 * {@code append} lines.
 */
public final class GrubConfigEditor {

    private static final Set<String> KERNEL_LINES = Set.of("linux", "linuxefi", "linux16");
    private static final Set<String> SYSLINUX_LINES = Set.of("append", "APPEND");
    private static final Pattern OLD_KS = Pattern.compile("[ \\t]+inst\\.ks=\\S*");

    private GrubConfigEditor() {
    }

    /**
     * The edited text and how many boot entries now load the kickstart.
     */
    public record Edit(String text, int entries) {
    }

    /** The kernel argument for a volume id: spaces escaped as GRUB and dracut expect ({@code \x20}). */
    public static String ksArgument(String volumeId) {
        return "inst.ks=hd:LABEL=" + escape(volumeId) + ":/install.ks";
    }

    static String escape(String volumeId) {
        return volumeId.replace(" ", "\\x20");
    }

    public static Edit edit(String config, String oldVolumeId, String newVolumeId) {
        return edit(config, oldVolumeId, newVolumeId, false);
    }

    /**
     * @param syslinux whether this is an ISOLINUX/SYSLINUX configuration (kernel arguments on {@code append})
     */
    public static Edit edit(String config, String oldVolumeId, String newVolumeId, boolean syslinux) {
        Set<String> kernelLines = syslinux ? SYSLINUX_LINES : KERNEL_LINES;
        String text = config;
        if (!oldVolumeId.equals(newVolumeId) && !oldVolumeId.isEmpty()) {
            text = text.replace(escape(oldVolumeId), escape(newVolumeId)).replace(oldVolumeId, newVolumeId);
        }
        String ks = ksArgument(newVolumeId);
        List<String> out = new ArrayList<>();
        int entries = 0;
        for (String line : text.split("\n", -1)) {
            if (kernelLines.contains(Lines.firstWord(line))) {
                String kept = OLD_KS.matcher(line).replaceAll("");
                int end = kept.length();
                while (end > 0 && (kept.charAt(end - 1) == ' ' || kept.charAt(end - 1) == '\t' || kept.charAt(end - 1) == '\r')) {
                    end--;
                }
                // Keep a CRLF line a CRLF line.
                String tail = kept.endsWith("\r") ? "\r" : "";
                out.add(kept.substring(0, end) + " " + ks + tail);
                entries++;
            } else {
                out.add(line);
            }
        }
        return new Edit(String.join("\n", out), entries);
    }

    /** How many kernel lines of a configuration carry exactly this kickstart argument. */
    public static int entriesLoading(String config, String volumeId) {
        String ks = ksArgument(volumeId);
        int n = 0;
        for (String line : config.split("\n")) {
            if (KERNEL_LINES.contains(Lines.firstWord(line)) && List.of(line.strip().split("\\s+")).contains(ks)) {
                n++;
            }
        }
        return n;
    }

    /** How many kernel lines a configuration has. */
    public static int kernelLines(String config) {
        int n = 0;
        for (String line : config.split("\n")) {
            if (KERNEL_LINES.contains(Lines.firstWord(line))) {
                n++;
            }
        }
        return n;
    }
}
