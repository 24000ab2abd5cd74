namespace PolicyDashboard.Core.Activity;

/// <summary>What happened to a policy between two observed states of the cluster.</summary>
public enum ActivityAction { Created, Updated, Deleted }
