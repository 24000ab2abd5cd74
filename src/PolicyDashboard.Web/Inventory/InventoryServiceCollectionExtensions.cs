using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PolicyDashboard.Web.Inventory;

public static class InventoryServiceCollectionExtensions
{
    /// <summary>
    /// What the inventory pages need beyond the cluster seam (IClusterSnapshotSource, IObjectReader) and MudBlazor:
    /// a clock for ages and the stale-since banner.
    /// </summary>
    public static IServiceCollection AddInventoryUi(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
