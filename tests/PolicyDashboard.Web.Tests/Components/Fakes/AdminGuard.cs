using System.Collections.Immutable;
using PolicyDashboard.Web.Auth;

namespace PolicyDashboard.Web.Tests.Components.Fakes;

/// <summary>A signed-in dashboard admin, for page tests of the write controls.</summary>
public sealed class AdminGuard : IMutationGuard
{
    public bool CanMutate => true;
    public DashboardUser EnsureAdmin(string action) => new("a", "Ada", ImmutableArray.Create("admins"), DashboardRole.Admin, true, false);
}
