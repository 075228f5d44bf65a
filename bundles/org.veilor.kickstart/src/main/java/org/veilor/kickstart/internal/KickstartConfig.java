package org.veilor.kickstart.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of PID {@code org.veilor.kickstart}: what the bootstrap install.ks installs and how. */
@ObjectClassDefinition(name = "Veilor kickstart",
        description = "The bootstrap install.ks: Anaconda fills / from the OCI image (ostreecontainer), with the partitioning + LUKS block kept verbatim; and the bootstrap ISO.")
public @interface KickstartConfig {

    @AttributeDefinition(name = "Image reference", description = "The OCI image ostreecontainer installs, for example ghcr.io/veilor/veilor-os:43 (for transport registry).")
    String imageRef() default "ghcr.io/veilor/veilor-os:43";

    @AttributeDefinition(name = "Transport", description = "Where Anaconda reads the image from.", options = {
            @Option(label = "registry", value = "registry"), @Option(label = "oci", value = "oci"),
            @Option(label = "oci-archive", value = "oci-archive"),
            @Option(label = "containers-storage", value = "containers-storage") })
    String transport() default "registry";

    @AttributeDefinition(name = "Stateroot", description = "The ostree stateroot (osname) of the deployment.")
    String stateroot() default "default";

    @AttributeDefinition(name = "Signature verification",
            description = "Keep signature verification on: no --no-signature-verification, and a %post sets the signed origin of the same image so bootc upgrade verifies cosign signatures. Needs transport registry.")
    boolean signatureVerification() default true;

    @AttributeDefinition(name = "Target disk",
            description = "The one disk the default layout uses (sda, nvme0n1, disk/by-id/…); nothing else is touched. Empty: the installer asks which disk to use and nothing is wiped before that choice.")
    String targetDisk() default "";

    @AttributeDefinition(name = "Partitioning file",
            description = "An absolute path to a partitioning + LUKS block inserted into install.ks verbatim instead of the default layout. Empty: the default layout on the target disk.")
    String partitioningFile() default "";

    @AttributeDefinition(name = "Installer interface", description = "graphical or text; both can prompt for the LUKS passphrase (cmdline cannot).",
            options = { @Option(label = "graphical", value = "graphical"), @Option(label = "text", value = "text") })
    String installerInterface() default "graphical";

    @AttributeDefinition(name = "Language", description = "The lang command's language, for example en_US.UTF-8.")
    String lang() default "en_US.UTF-8";

    @AttributeDefinition(name = "Keyboard", description = "Console keymap and X layout, for example us or de.")
    String keyboard() default "us";

    @AttributeDefinition(name = "Time zone", description = "The timezone command's zone, for example Etc/UTC or Europe/Berlin (the clock is kept in UTC).")
    String timezone() default "Etc/UTC";

    @AttributeDefinition(name = "Network options", description = "Options of the network command, checked against the Fedora 43 table.")
    String network() default "--bootproto=dhcp --activate";

    @AttributeDefinition(name = "Bootloader options", description = "Options of the bootloader command (for example --timeout=3 --append=\"…\"), checked against the Fedora 43 table.")
    String bootloader() default "--timeout=3";

    @AttributeDefinition(name = "Registry check attempts", description = "How often %pre tries to reach the image registry before it stops the install (1-20).")
    int registryCheckAttempts() default 5;

    @AttributeDefinition(name = "Registry check first delay", description = "Seconds before the second attempt; each later wait doubles (1-300).")
    int registryCheckDelaySeconds() default 5;

    @AttributeDefinition(name = "Base ISO", description = "An absolute path to a Fedora netinstall ISO; when set, veilor:release also builds the bootstrap ISO from it.")
    String baseIso() default "";

    @AttributeDefinition(name = "ISO volume id", description = "Volume id of the bootstrap ISO. Empty: keep the base ISO's.")
    String isoLabel() default "";
}
