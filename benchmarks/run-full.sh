#!/usr/bin/env bash
# Full provider comparison (every parameter, 3 forks, the crypto primitives; about 95 minutes on 2 cores). JAVA_HOME selects the JDK.
exec "$(dirname "$0")/run.sh" full
