using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Tests.Selectors;

internal static class SelectorTestData
{
    /// <summary>"k=v,k2=v2" → labels; "" → no labels. Test input only, so no escaping.</summary>
    public static Labels Set(string pairs) =>
        Labels.From(pairs.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(kv => KeyValuePair.Create(kv[0], kv.Length > 1 ? kv[1] : "")));
}
