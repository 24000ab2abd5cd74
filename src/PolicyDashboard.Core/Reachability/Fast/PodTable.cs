using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>
/// The pods of a snapshot in a fixed (arbitrary) order, and each pod's position by key. Depends on nothing the
/// policies say, so a build makes it while the policies compile.
/// </summary>
internal sealed class PodTable
{
    public PodTable(ClusterSnapshot snapshot)
    {
        var pods = new PodInfo[snapshot.Pods.Count];
        var i = 0;
        foreach (var pod in snapshot.Pods.Values) pods[i++] = pod;
        var index = new Dictionary<ObjectKey, int>(pods.Length);
        for (i = 0; i < pods.Length; i++) index[pods[i].Key] = i;
        Pods = pods;
        Index = index;
    }

    public PodInfo[] Pods { get; }
    public Dictionary<ObjectKey, int> Index { get; }
}
