/**
 * OS updates of a veilor-os node through bootc: the {@link org.veilor.update.UpdateService} the
 * {@code update:*} commands and the {@code veilor-update} wrapper use, and the
 * {@link org.veilor.update.UpdateReport} it answers with.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.veilor.update;
