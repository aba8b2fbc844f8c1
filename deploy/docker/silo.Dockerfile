# AIMass silo image. CPU (default) or CUDA variant, chosen at build time:
#   docker build -f deploy/docker/silo.Dockerfile -t aimass-silo:cpu .
#   docker build -f deploy/docker/silo.Dockerfile --build-arg TORCH_BACKEND=cuda -t aimass-silo:cuda .
# The CUDA variant swaps TorchSharp's native backend package at publish time (TorchBackend.targets); the
# NVIDIA driver comes from the node (NVIDIA container toolkit / device plugin), CUDA libraries from the package.
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG TORCH_BACKEND=cpu
WORKDIR /src
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY optimization/ optimization/
COPY training/ training/
COPY grains/ grains/
COPY silo/ silo/
COPY trainer/ trainer/
COPY deploy/docker/TorchBackend.targets deploy/docker/TorchBackend.targets
RUN dotnet publish silo/AIMass.Silo/AIMass.Silo.csproj -c Release -o /app \
      -p:TorchBackend=${TORCH_BACKEND} \
      -p:CustomAfterMicrosoftCommonTargets=/src/deploy/docker/TorchBackend.targets

# The ASP.NET Core runtime: the silo serves /healthz and /readyz with Kestrel (AIMass:HealthUrl).
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
ARG TORCH_BACKEND=cpu
LABEL org.opencontainers.image.title="aimass-silo" org.opencontainers.image.description="AIMass silo (${TORCH_BACKEND})"
# libgomp for libtorch's OpenMP; passive OpenMP waits keep idle threads off the cores.
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 && rm -rf /var/lib/apt/lists/*
ENV OMP_WAIT_POLICY=PASSIVE \
    DOTNET_gcServer=0 \
    AIMass__Storage=AzureStorage \
    AIMASS_TORCH_BACKEND=${TORCH_BACKEND}
WORKDIR /app
COPY --from=build /app ./
USER $APP_UID
# 11111: silo-to-silo; 30000: client gateway (web hosts in client mode connect here); 8080: /healthz and /readyz
# when AIMass__HealthUrl=http://0.0.0.0:8080 (the Kubernetes manifests set it).
EXPOSE 11111 30000 8080
ENTRYPOINT ["dotnet", "AIMass.Silo.dll"]
