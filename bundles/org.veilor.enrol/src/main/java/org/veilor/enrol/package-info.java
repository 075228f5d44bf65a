/**
 * Enrolment API of Veilor: the {@link org.veilor.enrol.Enrolments} service (list, inspect, mint by
 * hand, revoke, reissue, retry) and its value types. Registered on the operator instance by the
 * {@code veilor-enrol} feature once {@code org.veilor.enrol} is configured and Headscale is.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.veilor.enrol;
