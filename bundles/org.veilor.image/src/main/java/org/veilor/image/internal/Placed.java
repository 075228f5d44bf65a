package org.veilor.image.internal;

/** A merged item and the contribution it came from (the first one, when several gave the same). */
public record Placed<T>(T value, Origin origin) {
}
