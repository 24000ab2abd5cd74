namespace PolicyDashboard.Core.Reachability.Matrix;

/// <summary>
/// A matrix cell: whether its pod pairs are allowed on every port (of the filter), on some, or on none; NotApplicable
/// where no connection is defined (two external peers, or a pod group to itself with one pod).
/// The numeric values are what the browser's canvas draws from.
/// </summary>
public enum CellState : byte { None = 0, Some = 1, All = 2, NotApplicable = 3 }
