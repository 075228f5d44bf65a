/**
 * The mesh seam: {@link org.veilor.mesh.MeshLayer}, one service per overlay layer (L3a Tailscale,
 * L3b Yggdrasil, L3c Reticulum), and {@link org.veilor.mesh.MeshSupervisor}, which probes every
 * layer on one scheduler, assesses the three threat floors and fails over by release stage.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.veilor.mesh;
