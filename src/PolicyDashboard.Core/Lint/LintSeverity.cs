namespace PolicyDashboard.Core.Lint;

/// <summary>Ordered: a threshold such as "fail on warning" means every finding at or above it.</summary>
public enum LintSeverity { Info = 0, Warning = 1, Error = 2 }
