using Microsoft.AspNetCore.Authorization;

namespace PolicyDashboard.Web.Auth;

/// <summary>Authorization policy names. Every endpoint without its own attribute requires <see cref="Reader"/>.</summary>
public static class DashboardPolicies
{
    /// <summary>Admin or auditor: every read view.</summary>
    public const string Reader = "Reader";

    /// <summary>Admin: changes to the cluster.</summary>
    public const string Admin = "Admin";
}

/// <summary>Requires at least <see cref="Minimum"/>, derived from the current groups on every check.</summary>
internal sealed class DashboardRoleRequirement(DashboardRole minimum) : IAuthorizationRequirement
{
    public DashboardRole Minimum { get; } = minimum;
}

internal sealed class DashboardRoleHandler(RoleResolver resolver) : AuthorizationHandler<DashboardRoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DashboardRoleRequirement requirement)
    {
        if (resolver.Resolve(context.User).Role >= requirement.Minimum) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
