/** Test helpers and fakes shared by unit tests and pax-exam tests. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.veilor.testsupport;
