namespace PolicyDashboard.Web.Components.Compose;

/// <summary>A problem shown in the code editor at a line and column (1-based).</summary>
public sealed record EditorMarker(int Line, int Column, string Message);
