/** Database helpers: per-bundle versioned SQL migrations over the core {@code DataSource}, and parameter binding that behaves alike on H2 and PostgreSQL. */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.veilor.core.db;
