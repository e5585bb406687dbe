#!/usr/bin/env bash
# Takes a real-window screenshot of the console on the demo profile under Xvfb (DESIGN.md §8).
# Needs: apt-get install xvfb libgtk-3-0 imagemagick x11-utils
# Usage: docs/screenshots.sh [seconds-to-wait] [output.png]
set -euo pipefail
cd "$(dirname "$0")/.."
wait_s=${1:-25}
out=${2:-docs/screenshot-demo.png}
display=:97
Xvfb $display -screen 0 1440x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'pkill -f io.drainboard.Launcher || true; kill $xvfb 2>/dev/null || true' EXIT
sleep 1
mvn -q -DskipTests install >/dev/null
DISPLAY=$display mvn -q -Pdemo -DskipTests -pl app verify >/tmp/drainboard-screenshot.log 2>&1 &
app=$!
sleep "$wait_s"
# ImageMagick's own import (Debian's), not a stand-in convert that may shadow it on PATH.
DISPLAY=$display /usr/bin/import -window root "$out"
echo "wrote $out"
