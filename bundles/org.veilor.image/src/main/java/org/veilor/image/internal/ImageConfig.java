package org.veilor.image.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code org.veilor.image}: what the veilor-os image is and where its inputs come from. */
@ObjectClassDefinition(name = "Veilor image",
        description = "The veilor-os OCI image: a BlueBuild recipe on secureblue's hardened KDE image, published signed as <registry>/<namespace>/<name>:<fedoraMajor>.")
public @interface ImageConfig {

    @AttributeDefinition(name = "Registry", description = "Registry the image is published to.")
    String registry() default "ghcr.io";

    @AttributeDefinition(name = "Namespace", description = "Registry namespace (GitHub owner) of the image.")
    String namespace() default "veilor";

    @AttributeDefinition(name = "Image name", description = "Image name, lower case (BlueBuild lower-cases it anyway).")
    String name() default "veilor-os";

    @AttributeDefinition(name = "Description", description = "Image description (OCI label org.opencontainers.image.description).")
    String description() default "veilor-os: secureblue's hardened KDE Plasma with the Veilor mesh and node agent";

    @AttributeDefinition(name = "Fedora major", description = "Fedora release the image follows; also the published tag.")
    int fedoraMajor() default 43;

    @AttributeDefinition(name = "Base image",
            description = "OCI reference of the base image, without tag. secureblue's KDE desktop image is kinoite-main-hardened; the -userns variants and securecore-* (its server line) are not desktop bases.")
    String baseImage() default "ghcr.io/secureblue/kinoite-main-hardened";

    @AttributeDefinition(name = "Base tag",
            description = "Tag of the base image (recipe image-version). Empty means the Fedora major.")
    String baseTag() default "";

    @AttributeDefinition(name = "os-release",
            description = "KEY=value pairs written to /etc/os-release by the os-release module. ID is refused: changing it breaks COPR handling.")
    String[] osRelease() default { "NAME=veilor-os", "PRETTY_NAME=veilor-os (hardened KDE Plasma)",
            "VARIANT=Hardened KDE Plasma", "VARIANT_ID=veilor-os-kde", "DEFAULT_HOSTNAME=veilor" };

    @AttributeDefinition(name = "cosign public key",
            description = "The image signing public key (cosign.pub), committed at the tree's root. The private key never enters the tree: it is the repository secret SIGNING_SECRET. ${karaf.*} is expanded.")
    String cosignPublicKey() default "${karaf.etc}/cosign.pub";

    @AttributeDefinition(name = "Overlay folder",
            description = "Operator overlay laid over the image root (theme, KDE colour scheme, Plymouth, SDDM, fonts), copied verbatim into files/overlay/. Optional. ${karaf.*} is expanded.")
    String overlay() default "${karaf.base}/overlay";

    @AttributeDefinition(name = "Browser policy",
            description = "Optional JSON file of Chromium enterprise policies for Trivalent, installed as /etc/trivalent/policies/managed/veilor.json. Empty: none.")
    String browserPolicy() default "";

    @AttributeDefinition(name = "Restore sudo", description = "Reinstall sudo in a later layer (secureblue removes it; run0 keeps working).")
    boolean restoreSudo() default true;

    @AttributeDefinition(name = "Restore Xwayland", description = "Remove secureblue's plasma-kwin_wayland drop-in that starts KWin without Xwayland.")
    boolean restoreXwayland() default true;

    @AttributeDefinition(name = "Veilor distribution",
            description = "The veilor distribution the image carries in /usr/lib/veilor: a veilor-*.tar.gz, or a distribution folder packed at release time. The default is this instance's own distribution (Karaf home), so the image runs the same build as the operator.")
    String distribution() default "${karaf.home}";

    @AttributeDefinition(name = "Node profile",
            description = "The node profile folder (etc/ overlay) that travels in the image; the operator edits it before a release.")
    String nodeProfile() default "${karaf.home}/profiles/node";

    @AttributeDefinition(name = "Render folder", description = "Where image:render and image:build write the tree when no folder is given.")
    String renderFolder() default "${karaf.base}/image";

    @AttributeDefinition(name = "Build timeout (minutes)", description = "How long image:build lets bluebuild run before killing it.")
    int buildTimeoutMinutes() default 180;
}
