#!/bin/bash
#
# The whole test suite: installs what the tests need (scripts/test-setup.sh, idempotent), then
# builds everything and runs the unit tests and the pax-exam integration tests against the
# veilor distribution. Extra arguments go to Maven (for example -Dit.test=CoreIT).
#
set -euo pipefail
cd "$(dirname "$0")"
./scripts/test-setup.sh
exec mvn -B -ntp verify "$@"
