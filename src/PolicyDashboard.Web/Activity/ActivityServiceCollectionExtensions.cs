using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PolicyDashboard.Web.Activity;

public static class ActivityServiceCollectionExtensions
{
    /// <summary>The activity recorder (one per process, a hosted service) and its history in the state namespace.</summary>
    public static IServiceCollection AddPolicyActivity(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ActivityHistoryStore>();
        services.TryAddSingleton<ActivityRecorder>();
        services.TryAddSingleton<IActivityFeed>(sp => sp.GetRequiredService<ActivityRecorder>());
        services.AddHostedService(sp => sp.GetRequiredService<ActivityRecorder>());
        return services;
    }
}
