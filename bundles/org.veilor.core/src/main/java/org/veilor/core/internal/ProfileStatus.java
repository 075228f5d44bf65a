package org.veilor.core.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the profile installer tells {@code veilor:status}. */
public interface ProfileStatus {

    String profile();

    List<String> wanted();

    /** Features installed by the installer itself (the only ones it may remove). */
    Set<String> installedByProfile();

    /** Profile features not installed, with why. */
    Map<String, String> skipped();

    /** The outcome of the last reconciliation: "in sync", or the error it will retry after. */
    String lastResult();

    /** Asks for a reconciliation now and waits for it (up to the timeout); returns the outcome. */
    String reconcileNow(long timeoutMillis);
}
