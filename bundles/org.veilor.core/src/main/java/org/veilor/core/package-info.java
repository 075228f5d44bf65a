/**
 * Veilor core API: the {@link org.veilor.core.Host} seam (the only way to touch the machine),
 * release gates, findings, release artefacts, the one configuration rule, and one-line
 * {@link org.veilor.core.StatusSummary status summaries} that concerns add to {@code veilor:status}.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.veilor.core;
