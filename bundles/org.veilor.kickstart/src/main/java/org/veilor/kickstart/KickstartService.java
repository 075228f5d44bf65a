package org.veilor.kickstart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The bootstrap kickstart of this instance (PID {@code org.veilor.kickstart}). Published only while
 * its configuration is valid.
 */
public interface KickstartService {

    /** The file name the release and the ISO use. */
    String INSTALL_KS = "install.ks";

    /**
     * Renders install.ks for the current configuration and validates it at the instance's release
     * stage.
     *
     * @throws IOException when the configured partitioning file cannot be read
     */
    RenderedKickstart render() throws IOException;

    /** The configured base ISO for the bootstrap ISO, if any. */
    Optional<Path> baseIso();

    /** The configured volume id of the bootstrap ISO; empty keeps the base ISO's. */
    Optional<String> isoLabel();
}
