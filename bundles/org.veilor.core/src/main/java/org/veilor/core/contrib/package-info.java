/**
 * Contributions: what each concern adds to the veilor-os image. Static by design (no
 * per-deployment values), registered whenever a concern bundle is installed, collected by the
 * image bundle.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.veilor.core.contrib;
