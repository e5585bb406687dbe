#!/bin/bash
# Startup benchmark of the runtime image on the demo profile (docs/benchmarks.md).
#   mvn -B -o -Pjlink -pl app -am -DskipTests package && jlink/bench-startup.sh [RUNS]
# Each round starts the console three times, interleaved: from the runtime image (bin/drainboard, with
# the app class-data archive the build recorded into lib/app.jsa), from the image with
# DRAINBOARD_CDS=off, and, as the baseline measured in the same run, from the build JDK with every jar
# on the class path (what `mvn -Pdemo` runs). The app writes "event ms-since-process-start epoch-ms" lines through
# -Ddrainboard.startupProbe (profile.StartupProbe); times below are from the launch command to the
# epoch stamp of "first-frame" (window shown) and "first-fleet" (first snapshot complete in every pane), the first
# rows on screen after the first frame ("first-apply", the first snapshot, partial or whole, applied), with the
# process's CPU time at that point (less bent by other load than wall time) and the median of every mark of the
# image runs (main, profile-loaded, fx-start, window-built, console-open, window-shown, first-read-done, …).
# Needs a display: uses $DISPLAY, else starts Xvfb on :95.
set -euo pipefail
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
target=$root/app/target
# BENCH_IMAGE=DIR: another built image (e.g. a copy of an earlier build made with cp -a, to compare two back to back)
image=${BENCH_IMAGE:-$target/drainboard}
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
[ -x "$image/bin/drainboard" ] || { echo "no image: run mvn -B -Pjlink -pl app -am -DskipTests package" >&2; exit 2; }
# BENCH_PROFILE=FILE starts that profile instead of the bundled demo (e.g. one whose simulator scenario is larger);
# BENCH_SCENARIO=NAME the demo profile with that bundled scenario (clusters10: 10,000 tasks in 10 clusters). Each run also
# gives window-shown → first-rows (the first rows laid out, a first cluster's when they come in parts) and → first-fleet.
image_profile=${BENCH_PROFILE:-$image/profiles/demo.yaml}
base_profile=${BENCH_PROFILE:-$root/profiles/demo.yaml}
work=$(mktemp -d)
# BENCH_SCENARIO=NAME: the demo profile with that bundled simulator scenario instead, e.g. clusters10 (10,000 tasks in
# 10 clusters), to time the first cluster's rows against the whole fleet.
if [ -n "${BENCH_SCENARIO:-}" ]; then
  sed "s/^  scenario: demo /  scenario: $BENCH_SCENARIO /" "$root/profiles/demo.yaml" >"$work/bench-profile.yaml"
  grep -q "scenario: $BENCH_SCENARIO " "$work/bench-profile.yaml" || { echo "cannot set the scenario in a copy of profiles/demo.yaml" >&2; exit 2; }
  image_profile=$work/bench-profile.yaml base_profile=$work/bench-profile.yaml
fi
xvfb=""
cleanup() { [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
  Xvfb :95 -screen 0 1600x1000x24 >/dev/null 2>&1 & xvfb=$!
  export DISPLAY=:95
  sleep 1
fi
# A fresh HOME (and user.home) per run family: no earlier history or audit log is read, and it shows nothing is
# extracted to ~/.openjfx by the image.
mkdir -p "$work/home-image" "$work/home-nocds" "$work/home-base"
baseline_cp="$target/image-lib/*:$target/jfx-mods/*:$(ls "$target"/drainboard-app-*.jar | head -1)"

now_ms() { date +%s%3N; }

tick=$(getconf CLK_TCK)
# run NAME HOME COMMAND… : prints "first-frame-ms first-fleet-ms cpu-ms-at-first-fleet first-apply-minus-frame window-to-first-rows window-to-first-fleet cpu-ms-at-first-rows" or "timeout"; keeps
# each image run's probe lines in $work/marks-NAME.txt for the per-step breakdown
run() {
  local probe=$work/probe-$1.txt home=$2 name=$1; shift 2
  rm -f "$probe"
  local t0; t0=$(now_ms)
  # Java takes user.home from the password database, not from $HOME: -Duser.home makes the app's data directory
  # (history database, audit log) the fresh one too, not the invoking user's ~/.local/share/drainboard.
  HOME=$home DRAINBOARD_JAVA_OPTS="-Ddrainboard.startupProbe=$probe -Duser.home=$home" "$@" >"$probe.log" 2>&1 &
  local pid=$! waited=0
  # first-rows comes with the layout pulse after the first rows went in: after first-fleet when no part came first
  # The process's CPU when first-rows appears too: under load, the CPU spent up to the first rows is the figure that holds.
  local cpu_rows=""
  until { grep -q '^first-fleet ' "$probe" && grep -q '^first-rows ' "$probe"; } 2>/dev/null || [ $waited -ge 1200 ]; do
    if [ -z "$cpu_rows" ] && grep -q '^first-rows ' "$probe" 2>/dev/null; then
      cpu_rows=$(awk -v t="$tick" '{print int(($14 + $15) * 1000 / t)}' "/proc/$pid/stat" 2>/dev/null || echo 0)
    fi
    sleep 0.05; waited=$((waited + 1)); done
  # CPU time of the process (every thread) when first-fleet was seen, so that other builds' load shows less
  local cpu; cpu=$(awk -v t="$tick" '{print int(($14 + $15) * 1000 / t)}' "/proc/$pid/stat" 2>/dev/null || echo 0)
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if ! grep -q '^first-fleet ' "$probe" 2>/dev/null; then echo timeout; return; fi
  local frame fleet rows shown onscreen
  frame=$(awk '$1=="first-frame"{print $3}' "$probe")
  rows=$(awk '$1=="first-apply"{print $3}' "$probe")
  fleet=$(awk '$1=="first-fleet"{print $3}' "$probe")
  shown=$(awk '$1=="window-shown"{print $3}' "$probe")
  onscreen=$(awk '$1=="first-rows"{print $3}' "$probe")
  [ -n "$onscreen" ] || onscreen=$rows # a build from before the first-rows mark
  cat "$probe" >>"$work/marks-$name.txt"
  [ -n "$cpu_rows" ] || cpu_rows=$cpu
  echo "$((frame - t0)) $((fleet - t0)) $cpu $((rows - frame)) $((onscreen - shown)) $((fleet - shown)) $cpu_rows"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "n/a"; else print a[int((NR+1)/2)]}'; }

: >"$work/image.txt"; : >"$work/nocds.txt"; : >"$work/base.txt"; : >"$work/other.txt"
# BENCH_FAMILIES="image base": only those run families (default all three); BENCH_OTHER_IMAGE=DIR adds a family "other",
# that image started in each round right after this one (an A/B of two builds under the same load, e.g. a copy of
# the image before a change, made with cp -a so that its class-data archive still matches its jars).
families=${BENCH_FAMILIES:-image nocds base}
other=${BENCH_OTHER_IMAGE:-}
[ -n "$other" ] && mkdir -p "$work/home-other"
has() { case " $families " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -f "$image/lib/app.jsa" ] || echo "no lib/app.jsa in the image (recorded at build time; needs a display or Xvfb)" >&2
for i in $(seq 1 "$runs"); do
  if has image; then
    r=$(run image "$work/home-image" "$image/bin/drainboard" --profile "$image_profile")
    echo "round $i image:    $r"; [ "$r" != timeout ] && echo "$r" >>"$work/image.txt"
  fi
  if [ -n "$other" ]; then
    r=$(run other "$work/home-other" "$other/bin/drainboard" --profile "$image_profile")
    echo "round $i other:    $r"; [ "$r" != timeout ] && echo "$r" >>"$work/other.txt"
  fi
  if has nocds; then
    r=$(DRAINBOARD_CDS=off run nocds "$work/home-nocds" "$image/bin/drainboard" --profile "$image_profile")
    echo "round $i no CDS:   $r"; [ "$r" != timeout ] && echo "$r" >>"$work/nocds.txt"
  fi
  if has base; then
    r=$(run base "$work/home-base" "$java_home/bin/java" -Djavafx.cachedir="$work/fxcache" \
        -Ddrainboard.startupProbe="$work/probe-base.txt" -Duser.home="$work/home-base" -cp "$baseline_cp" io.drainboard.Launcher \
        --profile "$base_profile")
    echo "round $i baseline: $r"; [ "$r" != timeout ] && echo "$r" >>"$work/base.txt"
  fi
done

col() { cut -d' ' -f"$2" "$work/$1.txt" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
echo
echo "median of $runs runs, ms from launch   image   image w/o CDS   baseline   image/baseline   other image"
for f in 1 2 3 4 5 6 7; do
  name=$(case $f in 1) echo "first frame         " ;; 2) echo "first complete fleet" ;; 3) echo "CPU ms at that fleet" ;;
         4) echo "first rows - frame  " ;; 5) echo "window → first rows " ;; 6) echo "window → whole fleet" ;;
         *) echo "CPU ms at first rows" ;; esac)
  printf "%s                  %5s   %13s   %8s   %14s   %11s\n" "$name" "$(col image $f)" "$(col nocds $f)" "$(col base $f)" \
      "$(ratio "$(col image $f)" "$(col base $f)")" "$(col other $f)"
done
# The first rows on screen (a first cluster's when the fleet has several) within 1.5 s of the window (window-shown to
# the layout pulse after those rows went in, "first-rows"), per run family.
for fam in image other nocds base; do
  [ -s "$work/$fam.txt" ] || continue
  printf "window shown → first rows on screen, %-6s: median %5s ms = %s × the bound of 1,500 ms; → whole fleet %s ms (%s × the first rows)\n" \
      "$fam" "$(col $fam 5)" "$(ratio "$(col $fam 5)" 1500)" "$(col $fam 6)" "$(ratio "$(col $fam 6)" "$(col $fam 5)")"
done
echo
echo "image runs, median ms since JVM start per step (profile.StartupProbe marks):"
for e in $(awk '{print $1}' "$work/marks-image.txt" | awk '!seen[$0]++'); do
  printf "  %-16s %6s\n" "$e" "$(awk -v e="$e" '$1==e{print $2}' "$work/marks-image.txt" | median)"
done
if [ -n "$other" ]; then
  echo "other image ($other) runs, median ms since JVM start per step:"
  for e in $(awk '{print $1}' "$work/marks-other.txt" | awk '!seen[$0]++'); do
    printf "  %-16s %6s\n" "$e" "$(awk -v e="$e" '$1==e{print $2}' "$work/marks-other.txt" | median)"
  done
  printf "other image, median of its runs: first frame %s ms, first fleet %s ms, CPU at first rows %s ms\n" \
      "$(col other 1)" "$(col other 2)" "$(col other 7)"
fi
echo "image size: $(du -sh "$image" | cut -f1) on disk, $(du -sh "$target"/drainboard-*-linux-x64.tar.gz | cut -f1) as tar.gz"
echo "~/.openjfx after the image runs: $( [ -e "$work/home-image/.openjfx" ] || [ -e "$work/home-nocds/.openjfx" ] && echo present || echo absent)"
echo "class-data archive: $(du -sh "$image/lib/app.jsa" 2>/dev/null | cut -f1) in the image (lib/app.jsa); image without it: $(du -sh --exclude=app.jsa "$image" | cut -f1)"
echo "files the image runs wrote into the fresh HOME: $(find "$work/home-image" "$work/home-nocds" -type f 2>/dev/null | grep -v '/.local/share/drainboard/' | wc -l) (outside the app's own data directory)"
# The JVM's own start with both archives (bin/drainboard --help opens no window), as the launcher maps them and
# relocated as this JDK build does by default: where the archive went and HotSpot's "Genesis" time.
for mode in 0 1; do
  log=$(DRAINBOARD_JAVA_OPTS="-XX:ArchiveRelocationMode=$mode -Xlog:startuptime -Xlog:cds" "$image/bin/drainboard" --help 2>&1 || true)
  echo "ArchiveRelocationMode=$mode$( [ $mode = 0 ] && echo ' (the launcher)'): $(echo "$log" | grep -o 'Mapped dynamic region #0 at base [0-9a-fx]*' | head -1 | sed 's/.*base/app.jsa at/'), Genesis $(echo "$log" | awk '/Genesis/ {print $(NF-1)}') s"
done
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg)"
