#!/bin/bash
# Records the image's class-data archive, lib/app.jsa, while the image is built (docs/runtime-image.md): one start of
# the bundled demo profile through bin/drainboard (so with the class path the launcher gives every later start), up to
# its first complete fleet, then a normal exit, during which the JVM writes the classes it loaded
# (-XX:ArchiveClassesAtExit). The start runs with a throw-away HOME and user.home (Java reads the latter from the
# password database, not $HOME), so the build touches no one's files.
#   jlink/record-cds.sh IMAGE_DIR
# Needs a display: $DISPLAY, else an Xvfb it starts. Without either it says so and leaves the image without the
# archive (it then starts about 1.5x slower, nothing else changes).
set -euo pipefail
image=$(cd "$1" && pwd -P)
work=$(mktemp -d)
xvfb=""
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
rm -f "$image/lib/app.jsa"
if [ -z "${DISPLAY:-}" ]; then
  if ! command -v Xvfb >/dev/null; then
    echo "record-cds: no DISPLAY and no Xvfb: the image has no class-data archive (slower start)" >&2
    exit 0
  fi
  for n in $(seq 90 130); do                      # a display number nobody uses
    [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] || break
  done
  Xvfb ":$n" -screen 0 1440x900x24 >/dev/null 2>&1 & xvfb=$!
  export DISPLAY=":$n"
  for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
fi
mkdir -p "$work/home"
probe=$work/probe.txt
HOME=$work/home XDG_CONFIG_HOME="" XDG_DATA_HOME="" XDG_CACHE_HOME="" DRAINBOARD_CDS=record \
  DRAINBOARD_JAVA_OPTS="-Ddrainboard.startupProbe=$probe -Duser.home=$work/home" "$image/bin/drainboard" >"$work/log.txt" 2>&1 &
pid=$!
for _ in $(seq 1 1800); do                        # up to 3 minutes on a busy build machine
  grep -q '^first-fleet ' "$probe" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if ! grep -q '^first-fleet ' "$probe" 2>/dev/null; then
  echo "record-cds: the recording start did not reach its first fleet; the image has no class-data archive" >&2
  tail -5 "$work/log.txt" >&2 || true
  exit 0
fi
kill -TERM "$pid"                                  # a normal exit: the JVM writes the archive as it ends
wait "$pid" 2>/dev/null || true
pid=""
if [ -f "$image/lib/app.jsa" ]; then
  echo "record-cds: lib/app.jsa $(du -h "$image/lib/app.jsa" | cut -f1)"
else
  echo "record-cds: the JVM wrote no archive; the image has no class-data archive" >&2
fi
