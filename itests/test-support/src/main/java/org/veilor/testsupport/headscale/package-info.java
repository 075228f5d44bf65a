/**
 * A fake Headscale server for unit and pax-exam tests, built from the documented API shapes of each
 * Headscale version (mesh-radio.md §2.3–2.4); it stands in for the real server, which cannot run here.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.veilor.testsupport.headscale;
