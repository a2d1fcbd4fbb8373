#!/bin/sh
# The simulator service of docker-compose.yml: runs the workloads one after another, forever,
# so the dashboards always have something to show. Every run exports its metrics and spans
# to the collector with OTLP; the guest console goes to the container log.
#   NIAGARA_OTLP    the collector's OTLP/gRPC endpoint
#   NIAGARA_IMAGES  guest images to cycle through (paths inside /opt/niagara)
#   NIAGARA_ARGS    more `niagara run` options, e.g. "--host-threads 2"
set -u
otlp="${NIAGARA_OTLP:-http://otel-collector:4317}"
images="${NIAGARA_IMAGES:-guest/bin/jobmix.elf guest/bin/compute.elf guest/bin/storm.elf guest/bin/pingpong.elf}"
while :; do
    for image in $images; do
        # shellcheck disable=SC2086 # NIAGARA_ARGS is a list of options
        dotnet /opt/niagara/niagara.dll run --otlp "$otlp" ${NIAGARA_ARGS:-} "$image"
        sleep 1
    done
done
