#!/bin/sh
# target/labels is this launcher with the application's jar appended: the JVM reads a jar from its end,
# so one file is both a shell script and the jar it runs. Copy it onto PATH to install it.
# LABELS_JAVA_OPTS adds JVM options (not JAVA_OPTS: Jenkins agents set that for themselves).
# The flags favour start-up over peak speed: a run lasts well under a second.
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto \
  $LABELS_JAVA_OPTS -jar "$0" "$@"
