using PolicyDashboard.Kube.Cluster;

namespace PolicyDashboard.Web.Hosting;

/// <summary>
/// <c>/healthz</c>: the process serves requests (liveness). <c>/readyz</c>: every served kind has been listed
/// at least once, so pages show the cluster rather than an empty one (readiness).
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapDashboardHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok"))
            .ExcludeFromDescription().AllowAnonymous();
        endpoints.MapGet("/readyz", (IClusterSnapshotSource source) =>
            {
                var status = source.Status;
                return status.Synced
                    ? Results.Text("ready")
                    : Results.Text($"not ready: {Describe(status)}", statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .ExcludeFromDescription().AllowAnonymous();
        return endpoints;
    }

    private static string Describe(ConnectionStatus status)
    {
        var pending = status.Kinds.Where(k => k.Served && !k.Synced).Select(k => k.Kind).ToArray();
        return pending.Length == 0 ? status.State.ToString() : $"{status.State}; waiting for {string.Join(", ", pending)}";
    }
}
