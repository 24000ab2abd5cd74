namespace PolicyDashboard.Core.Compose;

/// <summary>What kind of risk a valid draft carries.</summary>
public enum DangerKind
{
    /// <summary>A rule admits every source (or reaches every destination) on every port.</summary>
    AllowsAll,
    /// <summary>An egress rule reaches every address outside the cluster (0.0.0.0/0 or ::/0).</summary>
    EgressToInternet,
    /// <summary>It selects the cluster DNS pods or pods in kube-system: a mistake there breaks every workload.</summary>
    SelectsSystemPods,
    /// <summary>Deleting it leaves pods of its namespace that were isolated with no policy isolating them.</summary>
    RemovesLastIsolation,
    /// <summary>It isolates pods for egress and leaves them unable to reach the cluster DNS.</summary>
    EgressWithoutDns,
}

/// <summary>A valid but dangerous draft: applying it needs an explicit confirmation of each danger.</summary>
public sealed record DraftDanger(DangerKind Kind, string Policy, string Message);
