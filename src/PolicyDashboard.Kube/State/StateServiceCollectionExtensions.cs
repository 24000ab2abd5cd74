using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PolicyDashboard.Kube.State;

public static class StateServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IStateStore"/> (the dashboard's own state in its namespace) with <see cref="StateOptions"/>
    /// bound from <c>Dashboard</c> and validated at start. Needs the cluster layer (its client provider).
    /// </summary>
    public static IServiceCollection AddDashboardState(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StateOptions>().Bind(configuration.GetSection(StateOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StateOptions>, StateOptionsValidator>());
        services.TryAddSingleton<IStateStore, KubeStateStore>();
        return services;
    }
}
