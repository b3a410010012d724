#!/usr/bin/env bash
# Quick provider comparison (about 11 minutes on 2 cores, build included). JAVA_HOME selects the JDK. See run.sh.
exec "$(dirname "$0")/run.sh" quick
