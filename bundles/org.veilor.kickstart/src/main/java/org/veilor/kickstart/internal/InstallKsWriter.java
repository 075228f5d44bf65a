package org.veilor.kickstart.internal;

import java.util.ArrayList;
import java.util.List;
import org.veilor.core.ReleaseStage;

/**
 * Writes the bootstrap {@code install.ks} from validated settings: installer settings, the
 * partitioning + LUKS block (the operator's file verbatim, or the default layout on the one named
 * disk, or nothing so the installer asks), the {@code ostreecontainer} payload, the registry check
 * in {@code %pre}, the signed origin in {@code %post} and an {@code %onerror} that says what to do.
 */
public final class InstallKsWriter {

    private InstallKsWriter() {
    }

    /**
     * @param s the settings
     * @param partitioningText the partitioning file's text when one is configured, else {@code null}
     * @param stage the release stage the file is for (named in the header)
     * @param producer who wrote it, for the header ({@code org.veilor.kickstart 1.0.0})
     */
    public static String write(KickstartSettings s, String partitioningText, ReleaseStage stage, String producer) {
        StringBuilder ks = new StringBuilder();
        ks.append("# veilor-os bootstrap kickstart (install.ks)\n")
                .append("# Produced by ").append(producer).append(" for release ").append(stage.label())
                .append(" from PID ").append(KickstartSettings.PID).append(".\n")
                .append("# Anaconda fills / from the OCI image ").append(s.imageRef())
                .append(" in the install pass (ostreecontainer):\n")
                .append("# no %packages, no first-boot rebase. Do not edit: change the PID and run veilor:release\n")
                .append("# (or kickstart:render); check a copy with kickstart:validate.\n")
                .append("#version=F43\n\n");
        ks.append("# Installer\n").append(s.installerInterface()).append('\n')
                .append("lang ").append(s.lang()).append('\n')
                .append("keyboard --vckeymap=").append(s.keyboard()).append(" --xlayouts=").append(s.keyboard()).append('\n')
                .append("timezone ").append(s.timezone()).append(" --utc\n")
                .append(line("network", s.network()))
                .append('\n');
        ks.append(storage(s, partitioningText)).append('\n');
        if (!s.bootloader().isEmpty()) {
            ks.append(line("bootloader", s.bootloader()));
        }
        ks.append("\n# Payload: the OCI image fills / during the install pass.\n")
                .append(line("ostreecontainer", payload(s)))
                .append("\nrootpw --lock\nreboot\n");
        if (s.transport().equals("registry")) {
            ks.append('\n').append(Scripts.registryCheck(registryHost(s.imageRef()), s.registryCheckAttempts(),
                    s.registryCheckDelaySeconds()));
        }
        if (s.signatureVerification()) {
            ks.append('\n').append(Scripts.signedOrigin(s.imageRef()));
        }
        ks.append('\n').append(Scripts.onError(s.imageRef()));
        return ks.toString();
    }

    private static List<String> payload(KickstartSettings s) {
        List<String> args = new ArrayList<>(List.of("--url=" + s.imageRef(), "--transport=" + s.transport(),
                "--stateroot=" + s.stateroot()));
        if (!s.signatureVerification()) {
            args.add("--no-signature-verification");
        }
        return args;
    }

    private static String storage(KickstartSettings s, String partitioningText) {
        if (partitioningText != null) {
            String block = partitioningText.endsWith("\n") ? partitioningText : partitioningText + "\n";
            return "# Storage: " + s.partitioningFile().map(Object::toString).orElse("partitioning file")
                    + ", kept verbatim\n" + block;
        }
        if (s.targetDisk().isEmpty()) {
            return "# Storage: no target disk configured (PID " + KickstartSettings.PID + ", key targetDisk).\n"
                    + "# The installer asks which disk to use and wipes nothing before that choice;\n"
                    + "# choose \"Encrypt my data\" there.\n";
        }
        String d = s.targetDisk().get();
        return "# Storage: LUKS2-encrypted layout on " + d + " only; every other disk is left alone.\n"
                + "# No passphrase here: Anaconda prompts for it once.\n"
                + line("ignoredisk", List.of("--only-use=" + d))
                + line("clearpart", List.of("--all", "--initlabel", "--disklabel=gpt", "--drives=" + d))
                + "reqpart --add-boot\n"
                + line("part", List.of("/", "--fstype=btrfs", "--grow", "--encrypted", "--luks-version=luks2",
                        "--ondisk=" + d));
    }

    private static String line(String command, List<String> args) {
        StringBuilder sb = new StringBuilder(command);
        for (String a : args) {
            sb.append(' ').append(ShellWords.quote(a));
        }
        return sb.append('\n').toString();
    }

    /** The registry host of an image reference (Docker Hub when the first part is no host name). */
    static String registryHost(String ref) {
        int slash = ref.indexOf('/');
        String first = slash < 0 ? "" : ref.substring(0, slash);
        if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
            return first;
        }
        return "registry-1.docker.io";
    }
}
