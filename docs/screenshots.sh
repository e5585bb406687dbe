#!/usr/bin/env bash
# Photographs the real console window under Xvfb (docs/ui.md, More screenshots): ScreenshotTour opens the demo fleet
# (at 6x speed, so the calls chart has history), protects some tasks and stops a busy one through the
# real ECS API, walks through the main views and shoots each with ImageMagick's own import; then the
# incident scenario, read-only; a safe drain's confirmation dialog and the audit log; scaling readiness and the lab
# ("scaling": only those). Writes docs/screenshot-*.png.
# Needs: apt-get install xvfb libgtk-3-0 imagemagick
# Usage: docs/screenshots.sh [seconds-of-demo-traffic-before-the-shots (default 60)] [demo|instances|guard|scaling: only those shots]
set -euo pipefail
cd "$(dirname "$0")/.."
warm=${1:-60}
display=:97
mvn -B -q -pl app -am test-compile
# The simulator's own dependencies too: the installed simulator POM may be older than its sources.
mvn -B -q -pl simulator,app dependency:build-classpath -Dmdep.outputFile=target/screenshot-cp.txt
cp="app/target/test-classes:app/target/classes:simulator/target/classes:$(cat simulator/target/screenshot-cp.txt app/target/screenshot-cp.txt | tr ':' '\n' | grep -v drainboard-simulator | sort -u | paste -sd:)"
Xvfb $display -screen 0 1440x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
# ImageMagick's import from Debian (/usr/bin), not a stand-in that may shadow it on PATH.
# Its audit log and history go under target/ (fresh each run), not into the user's own data directory.
rm -rf app/target/screenshot-data
DISPLAY=$display java -Dprism.order=sw -Djavafx.cachedir=app/target/javafx-cache \
  -Ddrainboard.dataDir=app/target/screenshot-data -cp "$cp" \
  io.drainboard.ui.ScreenshotTour docs "$warm" ${2:-}
