#!/usr/bin/env bash
# Runs a sparc64 program under qemu-sparc64 (as an UltraSPARC T1) with the instruction-counting
# plugin and prints the guest instruction count, the wall time and the rate on stderr.
# The program's own stdout/stderr pass through and its exit code is returned.
# Usage: bench/qemu-count.sh PROG [ARGS...]
set -euo pipefail

if (($# < 1)); then
    echo "usage: $0 PROG [ARGS...]" >&2
    exit 2
fi

plugin_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/qemu-plugin" && pwd)"
plugin="$plugin_dir/insn_count.so"
if [[ ! -e "$plugin" || "$plugin_dir/insn_count.c" -nt "$plugin" ]]; then
    gcc -shared -fPIC -O2 -Wall -Wextra -o "$plugin" "$plugin_dir/insn_count.c"
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

start=$(date +%s%N)
set +e
qemu-sparc64 -cpu Sun-UltraSparc-T1 -plugin "$plugin" -d plugin -D "$log" "$@"
rc=$?
set -e
end=$(date +%s%N)

insns=$(sed -n 's/^insns: //p' "$log")
ns=$((end - start))
awk -v n="${insns:-0}" -v ns="$ns" 'BEGIN {
    printf "instructions: %d\nwall: %.3f s\nrate: %.0f MIPS\n", n, ns / 1e9, (ns > 0 ? n / (ns / 1e3) : 0)
}' >&2
exit "$rc"
