/**
 * RNode LoRa transceivers: the {@link org.veilor.rnode.LoraRadio} service of a configured radio (send,
 * receive, stats, hand-over of its serial port to another owner such as {@code rnsd}), and the values
 * it reports.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.veilor.rnode;
