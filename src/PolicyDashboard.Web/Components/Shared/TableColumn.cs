namespace PolicyDashboard.Web.Components.Shared;

/// <summary>A header of an inventory table; <see cref="SortKey"/> null means the column cannot be sorted.</summary>
public sealed record TableColumn(string Title, string? SortKey = null);
