using System.Net;

namespace PolicyDashboard.Kube.State;

/// <summary>A state write lost a race: the object changed (409 Conflict) or was created meanwhile (409 AlreadyExists).</summary>
public sealed class StateConflictException(string message) : Exception(message);

/// <summary>The API server refused or failed a state request; <see cref="StatusCode"/> is its HTTP status (0 when unreachable).</summary>
public sealed class StateStoreException(HttpStatusCode statusCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public HttpStatusCode StatusCode { get; } = statusCode;
}
