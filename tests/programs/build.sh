#!/usr/bin/env bash
# Compiles every tests/programs/*.c into build/<name>.O0 and build/<name>.O2 (static sparc64
# Linux programs, -lm). Skips outputs newer than their source, its quoted #includes and this script.
# Usage: tests/programs/build.sh [-j N]      (CC overrides the cross compiler)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/build"
cc="${CC:-sparc64-linux-gnu-gcc}"
jobs="$(nproc 2>/dev/null || echo 2)"
if [[ "${1:-}" == "-j" && -n "${2:-}" ]]; then jobs="$2"; fi

if ! command -v "$cc" >/dev/null 2>&1; then
    echo "build.sh: cross compiler '$cc' not found (apt-get install gcc-sparc64-linux-gnu)" >&2
    exit 127
fi
mkdir -p "$out"

# An output is stale when anything it depends on is newer: its .c, the headers it includes
# with quotes, and this script.
newest_dep() {
    local newest="$1" h
    for h in $(sed -n 's/^#include "\(.*\)".*/\1/p' "$1"); do
        [[ -e "$here/$h" && "$here/$h" -nt "$newest" ]] && newest="$here/$h"
    done
    [[ "$here/build.sh" -nt "$newest" ]] && newest="$here/build.sh"
    echo "$newest"
}

todo=()
for src in "$here"/*.c; do
    name="$(basename "$src" .c)"
    dep="$(newest_dep "$src")"
    for opt in O0 O2; do
        bin="$out/$name.$opt"
        if [[ ! -e "$bin" || "$dep" -nt "$bin" ]]; then
            todo+=("$src" "$opt")
        fi
    done
done

if ((${#todo[@]} == 0)); then
    echo "build.sh: all programs up to date"
    exit 0
fi

# Compile to a temporary name and rename, so an interrupted build never leaves a fresh-looking
# partial binary.
compile() {
    local src="$1" opt="$2" name bin
    name="$(basename "$src" .c)"
    bin="$OUT/$name.$opt"
    "$CC_BIN" -static "-$opt" -Wall -Wextra -o "$bin.tmp.$$" "$src" -lm && mv -f "$bin.tmp.$$" "$bin"
}
export -f compile
export OUT="$out" CC_BIN="$cc"

echo "build.sh: compiling $((${#todo[@]} / 2)) binaries with $cc (-j $jobs)"
printf '%s\0' "${todo[@]}" | xargs -0 -n 2 -P "$jobs" bash -c 'compile "$0" "$1"'
echo "build.sh: done"
