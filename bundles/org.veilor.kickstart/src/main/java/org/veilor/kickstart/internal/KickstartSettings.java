package org.veilor.kickstart.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.veilor.core.ConfigException;
import org.veilor.core.Finding;
import org.veilor.kickstart.KickstartParser;
import org.veilor.kickstart.KickstartSyntaxException;

/**
 * Validated settings of PID {@code org.veilor.kickstart}: the one validation method for it.
 */
public record KickstartSettings(String imageRef, String transport, String stateroot, boolean signatureVerification,
        Optional<String> targetDisk, Optional<Path> partitioningFile, String installerInterface, String lang,
        String keyboard, String timezone, List<String> network, List<String> bootloader, int registryCheckAttempts,
        int registryCheckDelaySeconds, Optional<Path> baseIso, Optional<String> isoLabel) {

    public static final String PID = "org.veilor.kickstart";

    static final Set<String> TRANSPORTS = Set.of("registry", "oci", "oci-archive", "containers-storage");
    /** A registry image reference: host[:port]/path[:tag][@sha256:digest]. */
    static final Pattern REGISTRY_REF = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?"
            + "(/[a-z0-9]+([._-][a-z0-9]+)*)+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?");
    static final Pattern PATHISH = Pattern.compile("[A-Za-z0-9_./:@+-]+");
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    /** sda, nvme0n1, disk/by-id/…, /dev/disk/by-path/…: no spaces or commas (kickstart lists use commas). */
    static final Pattern DISK = Pattern.compile("[A-Za-z0-9_./:+-]{1,200}");
    static final Pattern LANG = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?(\\.[A-Za-z0-9-]+)?(@[a-z]+)?");
    static final Pattern KEYBOARD = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    static final Pattern TIMEZONE = Pattern.compile("[A-Za-z]+(/[A-Za-z0-9_+-]+){0,2}");
    static final Pattern VOLID = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    public static KickstartSettings validate(KickstartConfig c) {
        String transport = c.transport();
        check(TRANSPORTS.contains(transport), "transport", transport, "not one of " + String.join(", ", TRANSPORTS));
        String ref = c.imageRef();
        check(ref != null && (transport.equals("registry") ? REGISTRY_REF : PATHISH).matcher(ref).matches(), "imageRef",
                ref, transport.equals("registry") ? "not an image reference like ghcr.io/veilor/veilor-os:43"
                        : "not a plain path or reference");
        check(c.stateroot() != null && NAME.matcher(c.stateroot()).matches(), "stateroot", c.stateroot(),
                "letters, digits, '.', '_' and '-' only");
        check(!c.signatureVerification() || transport.equals("registry"), "signatureVerification", true,
                "signatures are verified against the registry: set transport to registry or turn verification off");
        Optional<String> disk = optional(c.targetDisk());
        disk.ifPresent(d -> check(DISK.matcher(d).matches(), "targetDisk", d, "not a disk name (sda, nvme0n1, disk/by-id/…)"));
        Optional<Path> partitioning = optional(c.partitioningFile()).map(p -> partitioningFile(p));
        check(Set.of("graphical", "text").contains(c.installerInterface()), "installerInterface",
                c.installerInterface(), "graphical or text (cmdline cannot prompt for the LUKS passphrase)");
        check(c.lang() != null && LANG.matcher(c.lang()).matches(), "lang", c.lang(), "not a language like en_US.UTF-8");
        check(c.keyboard() != null && KEYBOARD.matcher(c.keyboard()).matches(), "keyboard", c.keyboard(),
                "not a keymap like us or de");
        check(c.timezone() != null && TIMEZONE.matcher(c.timezone()).matches(), "timezone", c.timezone(),
                "not a time zone like Europe/Berlin");
        List<String> network = options("network", c.network());
        List<String> bootloader = options("bootloader", c.bootloader());
        check(c.registryCheckAttempts() >= 1 && c.registryCheckAttempts() <= 20, "registryCheckAttempts",
                c.registryCheckAttempts(), "between 1 and 20");
        check(c.registryCheckDelaySeconds() >= 1 && c.registryCheckDelaySeconds() <= 300, "registryCheckDelaySeconds",
                c.registryCheckDelaySeconds(), "between 1 and 300");
        Optional<Path> baseIso = optional(c.baseIso()).map(p -> {
            check(Path.of(p).isAbsolute(), "baseIso", p, "not an absolute path");
            return Path.of(p);
        });
        Optional<String> label = optional(c.isoLabel());
        label.ifPresent(l -> check(VOLID.matcher(l).matches(), "isoLabel", l,
                "1-32 letters, digits, '.', '_' or '-'"));
        return new KickstartSettings(ref, transport, c.stateroot(), c.signatureVerification(), disk, partitioning,
                c.installerInterface(), c.lang(), c.keyboard(), c.timezone(), network, bootloader,
                c.registryCheckAttempts(), c.registryCheckDelaySeconds(), baseIso, label);
    }

    /** A partitioning file must exist and parse; its text is re-read at each render. */
    private static Path partitioningFile(String value) {
        Path p = Path.of(value);
        check(p.isAbsolute(), "partitioningFile", value, "not an absolute path");
        check(Files.isRegularFile(p) && Files.isReadable(p), "partitioningFile", value, "not a readable file");
        try {
            KickstartParser.parse(Files.readString(p), p.getFileName().toString());
        } catch (KickstartSyntaxException e) {
            throw new ConfigException(PID, "partitioningFile", value, "line " + e.line() + ": " + e.problem());
        } catch (java.io.IOException | RuntimeException e) {
            throw new ConfigException(PID, "partitioningFile", value, "cannot read it: " + e.getMessage());
        }
        return p;
    }

    /** Parses option words and checks them against the command's F43 table entry. */
    private static List<String> options(String command, String value) {
        String text = value == null ? "" : value;
        try {
            List<String> words = ShellWords.split(text).words();
            CommandSpec spec = CommandTable.lookup(command).orElseThrow();
            List<Finding> problems = new ArrayList<>();
            OptionChecker.check(spec, command, words, "", problems);
            problems.stream().filter(Finding::isError).findFirst()
                    .ifPresent(f -> check(false, command, value, f.message()));
            return words;
        } catch (ShellWords.QuotingException e) {
            throw new ConfigException(PID, command, value, e.getMessage());
        }
    }

    private static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static void check(boolean ok, String key, Object value, String reason) {
        ConfigException.check(ok, PID, key, value, reason);
    }

}
