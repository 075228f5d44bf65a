/**
 * Fakes for the Reticulum (L3c) tests: rnsd and systemd cannot run in a test, so a fake
 * {@code systemctl} and a fake {@code rnsd} play them from their documented behaviour, and the fake
 * rnsd really opens the RNode's serial port while it runs.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.veilor.testsupport.reticulum;
