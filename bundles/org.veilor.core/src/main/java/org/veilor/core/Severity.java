package org.veilor.core;

/** How bad a {@link Finding} is; an error fails the release. */
public enum Severity {
    ERROR,
    WARNING,
    INFO
}
