package org.veilor.image.internal;

import org.veilor.core.contrib.ImageContribution;

/** One contribution with its origin, as collected for one render. */
public record Contributed(Origin origin, ImageContribution contribution) {
}
