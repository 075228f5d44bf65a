package org.veilor.enrol.internal;

/** The enrolment path on H2 in PostgreSQL mode (the default database). */
class H2EnrolmentFlowTest extends EnrolmentFlowTest {
    @Override
    String database() {
        return "h2";
    }
}
