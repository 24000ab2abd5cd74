using System.Collections.Immutable;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyDashboard.Web.Auth;

namespace PolicyDashboard.Web.Tests.Auth;

public sealed class MutationGuardTests
{
    private sealed class FixedUser(DashboardUser user) : ICurrentUser
    {
        public DashboardUser User { get; } = user;
    }

    private static MutationGuard Guard(DashboardRole role) =>
        new(new FixedUser(new DashboardUser("u", "Pat", ImmutableArray.Create("g"), role, true, false)), NullLogger<MutationGuard>.Instance);

    [Fact]
    public void EnsureAdmin_Admin_ReturnsTheUser()
    {
        var guard = Guard(DashboardRole.Admin);

        Assert.True(guard.CanMutate);
        Assert.Equal("Pat", guard.EnsureAdmin("apply network policy").Name);
    }

    [Theory]
    [InlineData(DashboardRole.Auditor)]
    [InlineData(DashboardRole.None)]
    public void EnsureAdmin_NotAdmin_ThrowsForbiddenNamingTheAction(DashboardRole role)
    {
        var guard = Guard(role);

        Assert.False(guard.CanMutate);
        var e = Assert.Throws<DashboardForbiddenException>(() => guard.EnsureAdmin("delete network policy"));
        Assert.Contains("delete network policy", e.Message);
        Assert.Contains("Auth:AdminGroups", e.Message);
        Assert.Equal(role, e.User.Role);
    }

    [Fact]
    public void EnsureAdmin_Anonymous_Throws()
    {
        var guard = new MutationGuard(new FixedUser(DashboardUser.Anonymous), NullLogger<MutationGuard>.Instance);

        Assert.Throws<DashboardForbiddenException>(() => guard.EnsureAdmin("apply"));
    }

    private sealed class SampleWriter
    {
        [Mutating("apply sample")]
        public void Apply() { }

        public void Read() { }

        [Mutating("delete sample")]
        private static void Delete() { }
    }

    [Fact]
    public void FindMutatingMethods_AnnotatedMethods_AreAllFoundIncludingNonPublic()
    {
        var methods = MutatingRegistry.FindMutatingMethods(typeof(MutationGuardTests).Assembly)
            .Where(m => m.DeclaringType == typeof(SampleWriter))
            .Select(m => m.Name)
            .ToArray();

        Assert.Equal(["Apply", "Delete"], methods);
    }
}
