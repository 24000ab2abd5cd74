namespace PolicyDashboard.Core.Model;

/// <summary>
/// The most recent entry of an object's <c>metadata.managedFields</c> for the main resource (status subresource writes
/// left out): which field manager last wrote it (<c>kubectl-client-side-apply</c>, <c>policy-dashboard</c>, …), with
/// which operation (Apply or Update) and when (the API server records the time to the second). This is the API
/// server's own account of who changed an object last; it names a program, not a person.
/// </summary>
public sealed record LastWrite(string Manager, string Operation, DateTimeOffset? Time);
