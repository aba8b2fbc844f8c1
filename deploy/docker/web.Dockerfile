# AIMass web host image (portal + HTTP API), run in client mode against the silo pools:
#   docker build -f deploy/docker/web.Dockerfile -t aimass-web .
# AIMass__Web__Mode=Client makes it an Orleans client of the cluster (no training in this process).
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY optimization/ optimization/
COPY training/ training/
COPY grains/ grains/
COPY silo/ silo/
COPY trainer/ trainer/
COPY client/AIMass.Client/ client/AIMass.Client/
COPY web/ web/
RUN dotnet publish web/AIMass.Web/AIMass.Web.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 && rm -rf /var/lib/apt/lists/*
ENV ASPNETCORE_URLS=http://+:8080 \
    OMP_WAIT_POLICY=PASSIVE \
    AIMass__Web__Mode=Client \
    AIMass__Storage=AzureStorage
WORKDIR /app
COPY --from=build /app ./
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet", "AIMass.Web.dll"]
