namespace PolicyDashboard.Web.Compose.Builder;

/// <summary>A value typed in the builder that cannot become part of the policy, at the field path the API would use.</summary>
public sealed record FormError(string Field, string Message);
