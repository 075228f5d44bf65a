/**
 * An RNode emulator for tests without hardware, written from the documented host protocol
 * (mesh-radio.md §5): it sits on the device end of a {@link org.veilor.testsupport.PtyPair} and
 * answers as RNode firmware does, quirks included; two emulators linked over loopback UDP hear each
 * other when their frequency, bandwidth and spreading factor match.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.veilor.testsupport.rnode;
