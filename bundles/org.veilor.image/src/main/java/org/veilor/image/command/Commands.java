package org.veilor.image.command;

import org.veilor.image.internal.ImageService;

/** Shared checks of the image commands. */
final class Commands {

    private Commands() {
    }

    static ImageService require(ImageService image) {
        if (image == null) {
            throw new IllegalStateException("the image component is not active: org.veilor.image is not configured"
                    + " validly (see veilor:status for the PID, key and value)");
        }
        return image;
    }
}
