#!/bin/sh
# target/labels is this launcher with the application's jar appended: the JVM reads a jar from its end, so one
# file is both a shell script and the jar it runs. Copy it onto PATH to install it.
#
# Start-up is most of a single inspect, so the JVM is started for start-up rather than peak speed, and it maps
# a class-data-sharing archive of the classes a run loads, made on first use (below). What each choice saves
# is in docs/performance.md, Start-up. JVM logging goes to stderr, errors only: stdout carries only the tool's
# output. LABELS_JAVA_OPTS adds JVM options (not JAVA_OPTS: Jenkins agents set that for themselves);
# LABELS_NO_CDS=1 runs without the archive.
self=$0
case $self in
  */*) ;;
  *) self=$(command -v -- "$0") ;;
esac
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
# A run lasts under a second: serial GC, the quick compiler only, no perf-data file.
flags="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xshare:auto -Xlog:disable -Xlog:all=error:stderr"
# Transparent huge pages for the heap: a run touches megabytes of fresh heap, and one page fault per 2 MB rather
# than per 4 KB matters where faults are dear (virtual machines); a kernel without them ignores the flag quietly.
# The flag exists only in Linux JVMs: elsewhere the JVM would refuse to start. The folder test is a shell
# builtin, so it costs no process.
if [ -d /sys/kernel/mm/transparent_hugepage ]; then
  flags="$flags -XX:+UseTransparentHugePages"
fi
# One compiler thread, as the run's own two threads need both cores of a small machine. It is allowed only with
# C1 alone: options that bring C2 back must keep the JVM's own count.
case $LABELS_JAVA_OPTS in
  *TieredStopAtLevel*|*TieredCompilation*|*CICompilerCount*) ;;
  *) flags="$flags -XX:CICompilerCount=1" ;;
esac
nl='
'
cds=

make_archive() { # TARGET: trains, dumps, and renames into place only when complete, so that parallel first runs
  # never map a half-written archive. A hidden, offline training command lists the classes it loads, its own
  # (cli/boot/Train*: the command, its in-process registry and certificates) and the JDK's HTTP server left out. A static archive, not a dynamic one (-XX:ArchiveClassesAtExit): one
  # file holds the JDK's classes a run uses and the tool's, where a dynamic one maps over the JDK's default archive.
  part="$1.$$"
  "$java" $flags -XX:DumpLoadedClassList="$part.all" -jar "$self" __train >/dev/null 2>&1 \
    && grep -v -e httpserver -e dev/labels/cli/boot/Train "$part.all" >"$part.classes" \
    && "$java" $flags -Xshare:dump -XX:SharedClassListFile="$part.classes" -XX:SharedArchiveFile="$part" \
         -jar "$self" >/dev/null 2>&1 \
    && mv -f -- "$part" "$1" 2>/dev/null
  made=$?
  rm -f -- "$part" "$part.all" "$part.classes"
  return $made
}

# The archive is made once per build of this file and per JVM (their size and time name it): by the build beside
# target/labels, else on first use beside this file when that folder is writable, else in
# $XDG_CACHE_HOME/labels/cds, made for the user alone. Few processes below: each one adds to every run's start.
if [ -z "${LABELS_NO_CDS:-}" ] && jvm=$(command -v -- "$java" 2>/dev/null); then
  here=${self%/*}
  here=${here:-/}
  cache=${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/labels/cds
  # An archive is code every run loads. It is used only when it and its folder belong to the user running
  # labels (or to root, for an install folder) and neither is writable by group or others; a folder that fails
  # this is neither read nor written. One stat gives all that is needed: the size and time of this file and of
  # the JVM, through any symlinks (they name the archive; the JVM checks the jar by its real path too, so a
  # symlink to this file may map the same archive), and the owner and mode of both folders and of the archives
  # in them. A pattern that matches nothing names no file, and stat skips it.
  stats=$(stat -L -c '%u %a %s-%Y %n' -- "$self" "$jvm" "$here" "$cache" \
    "$here"/.labels-cds-*.jsa "$cache"/.labels-cds-*.jsa 2>/dev/null)
  self_id= jvm_id= here_ok= cache_ok= trusted=
  IFS=$nl
  set -f
  for line in $stats; do
    owner=${line%% *} rest=${line#* }
    mode=${rest%% *} rest=${rest#* }
    id=${rest%% *} name=${rest#* }
    ok=no
    # [ -O ] is a builtin: owned by the user running this. The mode's last two digits are group and others.
    if [ "$owner" = 0 ] || [ -O "$name" ]; then
      case $mode in *[2367]? | *[2367]) ;; *) ok=yes ;; esac
    fi
    [ "$name" = "$self" ] && self_id=$id
    [ "$name" = "$jvm" ] && jvm_id=$id
    [ "$name" = "$here" ] && here_ok=$ok
    [ "$name" = "$cache" ] && cache_ok=$ok
    case $name in *.jsa) [ "$ok" = yes ] && trusted=$trusted$nl$name ;; esac
  done
  set +f
  unset IFS
  if [ -n "$self_id" ] && [ -n "$jvm_id" ]; then
    key=$self_id-$jvm_id
    archive=
    failed=
    for folder in "$here" "$cache"; do
      if [ "$folder" = "$here" ]; then ok=$here_ok; else ok=$cache_ok; fi
      [ "$ok" = yes ] || continue
      target=$folder/.labels-cds-$key.jsa
      if [ -f "$target" ]; then
        case $trusted$nl in *"$nl$target$nl"*) archive=$target; break ;; esac
        # Someone else's, or others can write it: this folder is left alone for this run.
        if [ "$folder" = "$here" ]; then here_ok=no; else cache_ok=no; fi
        continue
      fi
      # A training that failed here once (no loopback sockets, say) is not retried by every run.
      if [ -f "$folder/.labels-cds-$key.failed" ]; then failed=yes; break; fi
    done
    if [ -z "$archive" ] && [ -z "$failed" ]; then
      for folder in "$here" "$cache"; do
        if [ "$folder" = "$here" ]; then ok=$here_ok; else ok=$cache_ok; fi
        case $ok in
          yes) [ -w "$folder" ] || continue ;;
          no) continue ;;
          # Absent: made for the user alone, so that no one else can put an archive in it.
          *) (umask 077 && mkdir -p -- "$folder") 2>/dev/null || continue ;;
        esac
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
      done
    fi
    [ -n "$archive" ] && cds=-XX:SharedArchiveFile=$archive
  fi
fi
# The archive's path is one argument, whatever spaces or wildcards its folder's name holds.
exec "$java" $flags ${cds:+"$cds"} $LABELS_JAVA_OPTS -jar "$self" "$@"
