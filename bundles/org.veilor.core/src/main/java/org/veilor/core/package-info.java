/**
 * Veilor core API: the {@link org.veilor.core.Host} seam (the only way to touch the machine),
 * release gates, findings, release artefacts and the one configuration rule.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.veilor.core;
