/**
 * A fake {@code bootc} for unit and pax-exam tests: status JSON in the documented
 * {@code org.containers.bootc/v1 BootcHost} shape of two bootc releases (fixtures, see their
 * SOURCES.md), state transitions for upgrade and rollback, and bootc's failure modes (non-zero
 * exit, a call that never returns, garbage output, a held sysroot lock). bootc cannot run here.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.veilor.testsupport.bootc;
