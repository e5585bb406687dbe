#!/usr/bin/env bash
# What the guard image's jlinked Java runtime needs from the operating system, copied from the build machine (the
# runtime was linked on it, so its C library is the one the runtime expects): every shared library the runtime's
# executables and libraries load (ldd), the dynamic loader, a passwd/group with the unprivileged user the image runs
# as, and an empty /tmp. Usage: guard-image-os.sh RUNTIME_DIR OUT_DIR. Linux only (the image is linux/amd64 or arm64,
# the build machine's).
set -euo pipefail
runtime="$1"; out="$2"
mkdir -p "$out/etc" "$out/tmp"
# The desktop natives (AWT, fonts, images, splash screen) are never loaded by the headless guard and would pull in X11.
files=$(find "$runtime" -type f \( -name '*.so' -o -path '*/bin/*' \) | grep -Ev 'awt|splashscreen|fontmanager|lcms|javajpeg|mlib_image')
ldd $files 2>/dev/null | awk '/=>/ { print $3 } /^\t\/[^ ]+ \(/ { print $1 }' | grep '^/' | grep -v "^$(cd "$runtime" && pwd)/" | sort -u |
while read -r lib; do
  # Keep the path the loader looks for, holding the real file (not the symlink).
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done
# Java resolves host names through glibc (NSS files and dns are built into libc.so.6 since glibc 2.34).
printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/tmp:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$out/etc/group"
printf 'hosts: files dns\n' > "$out/etc/nsswitch.conf"
