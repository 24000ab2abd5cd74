namespace PolicyDashboard.Web.Compose;

/// <summary>A draft the store will not keep (too long, too many drafts, an invalid id); the message says why, for the user.</summary>
public sealed class DraftRejectedException(string message) : Exception(message);
