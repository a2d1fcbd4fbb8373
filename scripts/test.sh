#!/usr/bin/env bash
# The single test command: installs the sparc64 cross toolchain and qemu when missing (Debian 12,
# as root), runs every test project in Niagara.sln, and closes with one line
# "N passed, N failed" (", N skipped" when some were). Exits non-zero if a test or dotnet test failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The process-mode tests compile guest programs and run them under qemu as the reference.
if ! command -v sparc64-linux-gnu-gcc >/dev/null 2>&1 || ! command -v qemu-sparc64 >/dev/null 2>&1; then
    if [[ "$(id -u)" == 0 ]]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update
        apt-get install -y gcc-sparc64-linux-gnu binutils-sparc64-linux-gnu qemu-user
    else
        echo "test.sh: sparc64-linux-gnu-gcc or qemu-sparc64 missing and not root: the process-mode tests will fail" >&2
    fi
fi

# The telemetry test has a real Prometheus scrape the simulator (Debian 12 ships 2.42).
if ! command -v prometheus >/dev/null 2>&1; then
    if [[ "$(id -u)" == 0 ]]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update
        apt-get install -y --no-install-recommends prometheus
    else
        echo "test.sh: prometheus missing and not root: the Prometheus telemetry test will fail" >&2
    fi
fi

# dotnet test on a solution runs each project with its own results directory
# (<project>/TestResults), so one fixed TRX name per project cannot collide; they are gathered
# into ./TestResults afterwards.
trx_name=niagara-tests.trx
results=TestResults
find . -path ./.git -prune -o -name "$trx_name" -type f -print0 | xargs -0 -r rm -f
rm -rf "$results"
mkdir -p "$results"

set +e
dotnet test Niagara.sln -c Release --logger "trx;LogFileName=$trx_name"
test_rc=$?
set -e

passed=0 failed=0 skipped=0
while IFS= read -r -d '' trx; do
    project="$(basename "$(dirname "$(dirname "$trx")")")"
    cp "$trx" "$results/$project.trx"
    # One UnitTestResult element per test; NotExecuted is how xunit's skips appear in TRX.
    while read -r outcome; do
        case "$outcome" in
            Passed) passed=$((passed + 1)) ;;
            NotExecuted) skipped=$((skipped + 1)) ;;
            *) failed=$((failed + 1)) ;;
        esac
    done < <(grep -o '<UnitTestResult [^>]*' "$trx" | sed -n 's/.* outcome="\([A-Za-z]*\)".*/\1/p')
done < <(find . -path ./.git -prune -o -path "./$results" -prune -o -name "$trx_name" -type f -print0)

if ((test_rc != 0)); then
    echo "test.sh: dotnet test exited with code $test_rc" >&2
fi
summary="$passed passed, $failed failed"
if ((skipped > 0)); then
    summary="$summary, $skipped skipped"
fi
echo "$summary"

if ((failed > 0 || test_rc != 0)); then
    exit 1
fi
