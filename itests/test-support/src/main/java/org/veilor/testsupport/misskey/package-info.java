/** A fake Misskey (API and system webhook sender) for enrolment tests and benchmarks. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.veilor.testsupport.misskey;
