namespace PolicyDashboard.Core.Reachability;

/// <summary>
/// Ingress is decided at the destination pod, egress at the source pod; a connection needs both
/// ("both the egress policy on the source pod and the ingress policy on the destination pod need to allow the traffic").
/// </summary>
public enum Direction { Ingress, Egress }
