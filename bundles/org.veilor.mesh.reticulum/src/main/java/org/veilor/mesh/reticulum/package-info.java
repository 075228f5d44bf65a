/**
 * L3c, the Reticulum layer (opt-in). Everything lives in {@code .internal} and {@code .command};
 * other bundles see this layer only as a {@link org.veilor.mesh.MeshLayer} service.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.veilor.mesh.reticulum;
