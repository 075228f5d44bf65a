/**
 * Seeding API: {@link org.veilor.seed.BlobTicket} (iroh 1.0 {@code blob…} tickets, encode and decode),
 * {@link org.veilor.seed.Announcement} (signed "this node holds this blob under this name" messages
 * and the per-service topic ids), {@link org.veilor.seed.BlobTransport} (ticket in, verified bytes
 * out: the seam an iroh sidecar can plug into) and {@link org.veilor.seed.Seeder}, the running seed
 * node as the shell and other bundles see it.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.veilor.seed;
