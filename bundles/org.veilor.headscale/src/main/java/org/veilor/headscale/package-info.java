/**
 * Headscale API of Veilor: the version-aware {@link org.veilor.headscale.HeadscaleClient} service
 * (users, pre-auth keys, nodes, policy) and its value types. Registered on the operator instance by
 * the {@code veilor-headscale} feature once {@code org.veilor.headscale} is configured.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
package org.veilor.headscale;
