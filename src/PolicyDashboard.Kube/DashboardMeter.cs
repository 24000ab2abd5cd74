namespace PolicyDashboard.Kube;

/// <summary>
/// The .NET meter that carries the dashboard's own instruments (informers, writes, analysis, circuits). The web host
/// exports it with prometheus-net, which names a series <c>&lt;meter&gt;_&lt;instrument&gt;</c>: instruments on this
/// meter are therefore named without a prefix (<c>policy_writes_total</c> becomes <c>policydash_policy_writes_total</c>).
/// </summary>
public static class DashboardMeter
{
    public const string Name = "PolicyDash";
}
