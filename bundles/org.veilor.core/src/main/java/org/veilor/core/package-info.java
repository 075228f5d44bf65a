/**
 * Veilor core API: the {@link org.veilor.core.Host} seam (the only way to touch the machine),
 * release gates, findings, release artefacts, the one configuration rule, one-line
 * {@link org.veilor.core.StatusSummary status summaries} that concerns add to {@code veilor:status}
 * (1.1.0), and {@link org.veilor.core.Folders} for reading folders that change meanwhile (1.1.0).
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.veilor.core;
