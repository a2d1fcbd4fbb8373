# The niagara CLI for docker-compose.yml: built with the .NET 10 SDK, run on the .NET 10 runtime.
# The container runs deploy/simulator/loop.sh: the workloads one after another, forever,
# exporting metrics and spans with OTLP to the collector.
FROM mcr.microsoft.com/dotnet/sdk:10.0.100 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Niagara/Niagara.csproj -c Release -o /out

FROM mcr.microsoft.com/dotnet/runtime:10.0.0
WORKDIR /opt/niagara
COPY --from=build /out ./
COPY guest/bin ./guest/bin
COPY deploy/simulator/loop.sh ./loop.sh
ENTRYPOINT ["/bin/sh", "/opt/niagara/loop.sh"]
