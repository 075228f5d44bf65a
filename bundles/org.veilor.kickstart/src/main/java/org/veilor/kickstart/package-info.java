/**
 * Anaconda kickstarts: the model ({@link org.veilor.kickstart.KickstartDocument}), the
 * {@link org.veilor.kickstart.KickstartParser}, the round-tripping
 * {@link org.veilor.kickstart.KickstartRenderer}, the {@link org.veilor.kickstart.KickstartValidator}
 * (Fedora 43 command table plus the strategy's rules) and the {@link org.veilor.kickstart.KickstartService}
 * that renders the bootstrap {@code install.ks}.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.veilor.kickstart;
