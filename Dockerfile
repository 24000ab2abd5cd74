# Build: the same `dotnet publish` the tests run: tests/PolicyDashboard.Web.Tests/Hosting/PublishedAppTests.cs reads
# this file, publishes with this step's arguments and starts the app with the final stage's ENV and ENTRYPOINT.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/PolicyDashboard.Web/PolicyDashboard.Web.csproj -c Release -o /app --nologo

# Run: ASP.NET runtime only, non-root numeric UID, read-only root filesystem friendly (writes go to /tmp).
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    TMPDIR=/tmp \
    Kubernetes__Mode=InCluster
EXPOSE 8080
USER 10001:10001
ENTRYPOINT ["dotnet", "PolicyDashboard.Web.dll"]
