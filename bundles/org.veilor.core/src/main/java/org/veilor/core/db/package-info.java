/** Database helpers: per-bundle versioned SQL migrations over the core {@code DataSource}. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.veilor.core.db;
