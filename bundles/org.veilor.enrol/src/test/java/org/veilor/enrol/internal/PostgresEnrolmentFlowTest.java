package org.veilor.enrol.internal;

/** The same enrolment path on the local PostgreSQL (scripts/test-setup.sh starts it). */
class PostgresEnrolmentFlowTest extends EnrolmentFlowTest {
    @Override
    String database() {
        return "postgresql";
    }
}
