/**
 * The veilor-os image: its published coordinates. The image bundle renders the BlueBuild repository
 * tree from every {@link org.veilor.core.contrib.OsContribution}.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.veilor.image;
