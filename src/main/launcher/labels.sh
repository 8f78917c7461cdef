#!/bin/sh
# target/labels is this launcher with the application's jar appended: the JVM reads a jar from its end, so one
# file is both a shell script and the jar it runs. Copy it onto PATH to install it.
#
# Start-up is most of a single inspect, so:
# - the JVM flags favour start-up over peak speed (a run lasts well under a second): the quick compiler only,
#   one compiler thread (the run's own two threads need both cores of a small machine), no perf-data file,
#   and transparent huge pages for the heap: a run touches some 20 MB of fresh heap, and one fault per 2 MB
#   instead of per 4 KB saves about 20 ms where page faults are dear (virtual machines). Where the kernel has
#   no huge pages, the flag does nothing and says nothing; it is given on Linux only;
# - a class-data-sharing archive holds the classes a run loads, already parsed and verified, and every run
#   maps it. It is made once per build of this file and per JVM (their size and time are in its name): by the
#   build beside target/labels, else on first use beside this file when that folder is writable, else in
#   $XDG_CACHE_HOME/labels/cds. Making it takes a few seconds: a hidden, offline training command lists the
#   classes it loads, then the JVM dumps them. A static archive, not a dynamic one (-XX:ArchiveClassesAtExit):
#   only the static dump takes picocli's classes, which are Java 5 bytecode. LABELS_NO_CDS=1 runs without it.
# - JVM logging goes to stderr, errors only: class-data-sharing notes must never reach stdout, which carries
#   only JSON.
# LABELS_JAVA_OPTS adds JVM options (not JAVA_OPTS: Jenkins agents set that for themselves).
self=$0
case $self in
  */*) ;;
  *) self=$(command -v -- "$0") ;;
esac
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
flags="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xshare:auto -Xlog:disable -Xlog:all=error:stderr"
# The huge-pages flag exists only in Linux JVMs: elsewhere the JVM would refuse to start. The folder test is a
# shell builtin, so it costs no process.
if [ -d /sys/kernel/mm/transparent_hugepage ]; then
  flags="$flags -XX:+UseTransparentHugePages"
fi
# One compiler thread is allowed only with C1 alone: options that bring C2 back must keep the JVM's own count.
case $LABELS_JAVA_OPTS in
  *TieredStopAtLevel*|*TieredCompilation*|*CICompilerCount*) ;;
  *) flags="$flags -XX:CICompilerCount=1" ;;
esac
nl='
'
cds=

make_archive() { # TARGET: trains, dumps, and renames into place only when complete, so that parallel first runs
  # never map a half-written archive. The training run's own in-process registry is left out of the archive.
  part="$1.$$"
  "$java" $flags -XX:DumpLoadedClassList="$part.all" -jar "$self" __train >/dev/null 2>&1 \
    && grep -v -e httpserver -e TrainingRegistry -e TrainCommand "$part.all" >"$part.classes" \
    && "$java" $flags -Xshare:dump -XX:SharedClassListFile="$part.classes" -XX:SharedArchiveFile="$part" \
         -jar "$self" >/dev/null 2>&1 \
    && mv -f -- "$part" "$1" 2>/dev/null
  made=$?
  rm -f -- "$part" "$part.all" "$part.classes"
  return $made
}

# Few processes below: each costs every run a millisecond or two.
if [ -z "${LABELS_NO_CDS:-}" ] && jvm=$(command -v -- "$java" 2>/dev/null); then
  # Size and time of this file and of the JVM, through any symlinks (the JVM checks the jar by its real path
  # too, so a symlink to this file may map the same archive).
  ids=$(stat -L -c %s-%Y -- "$self" "$jvm" 2>/dev/null) || ids=
  case $ids in
    *"$nl"*) key=${ids%%"$nl"*}-${ids#*"$nl"} ;;
    *) key= ;;
  esac
  if [ -n "$key" ]; then
    here=${self%/*}
    here=${here:-/}
    cache=${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/labels/cds
    archive=
    failed=
    for folder in "$here" "$cache"; do
      if [ -f "$folder/.labels-cds-$key.jsa" ]; then archive=$folder/.labels-cds-$key.jsa; break; fi
      # A training that failed here once (no loopback sockets, say) is not retried by every run.
      if [ -f "$folder/.labels-cds-$key.failed" ]; then failed=yes; break; fi
    done
    if [ -z "$archive" ] && [ -z "$failed" ]; then
      for folder in "$here" "$cache"; do
        if mkdir -p -- "$folder" 2>/dev/null && [ -w "$folder" ]; then
          target=$folder/.labels-cds-$key.jsa
          if ! make_archive "$target"; then
            : >"$folder/.labels-cds-$key.failed" 2>/dev/null
          else
            archive=$target
            # Archives of earlier builds or JVMs can never be used again. (A run that has one mapped keeps
            # its mapping: removing the file does not affect it.)
            for old in "$folder"/.labels-cds-*.jsa "$folder"/.labels-cds-*.failed; do
              [ "$old" = "$target" ] || rm -f -- "$old"
            done
          fi
          break
        fi
      done
    fi
    [ -n "$archive" ] && cds=-XX:SharedArchiveFile=$archive
  fi
fi
# The archive's path is one argument, whatever spaces or wildcards its folder's name holds.
exec "$java" $flags ${cds:+"$cds"} $LABELS_JAVA_OPTS -jar "$self" "$@"
