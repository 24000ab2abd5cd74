using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PolicyDashboard.Web.Analysis;

public static class AnalysisServiceCollectionExtensions
{
    /// <summary>One <see cref="ReachabilityAnalysis"/> per process, run as a hosted service and read as <see cref="IReachabilityAnalysis"/>.</summary>
    public static IServiceCollection AddReachabilityAnalysis(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReachabilityAnalysis>();
        services.TryAddSingleton<IReachabilityAnalysis>(sp => sp.GetRequiredService<ReachabilityAnalysis>());
        services.AddHostedService(sp => sp.GetRequiredService<ReachabilityAnalysis>());
        services.TryAddScoped<PolicyDashboard.Web.Compose.ComposerService>();
        // Drafts live in the cluster's state namespace (IStateStore, registered with the cluster connection).
        services.TryAddScoped<PolicyDashboard.Web.Compose.IDraftStore, PolicyDashboard.Web.Compose.ClusterDraftStore>();
        return services;
    }
}
