using System.Collections.Immutable;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PolicyDashboard.Web.Auth;

namespace PolicyDashboard.Web.Tests.Auth;

public sealed class MutationGuardTests
{
    private sealed class FixedUser(DashboardUser user) : ICurrentUser
    {
        public DashboardUser User { get; } = user;
    }

    private sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;
        public T Get(string? name) => value;
        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }

    private static MutationGuard Guard(DashboardRole role, bool readOnly = false) =>
        Guard(new DashboardUser("u", "Pat", ImmutableArray.Create("g"), role, true, false), readOnly);

    private static MutationGuard Guard(DashboardUser user, bool readOnly = false) =>
        new(new FixedUser(user), new FixedOptions<DashboardOptions>(new DashboardOptions { ReadOnly = readOnly }), NullLogger<MutationGuard>.Instance);

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
        var guard = Guard(DashboardUser.Anonymous);

        Assert.Throws<DashboardForbiddenException>(() => guard.EnsureAdmin("apply"));
    }

    [Theory]
    [InlineData(DashboardRole.Admin)]
    [InlineData(DashboardRole.Auditor)]
    public void EnsureAdmin_ReadOnlyInstall_RefusesEveryoneNamingTheSetting(DashboardRole role)
    {
        var guard = Guard(role, readOnly: true);

        Assert.False(guard.CanMutate);
        var e = Assert.Throws<DashboardForbiddenException>(() => guard.EnsureAdmin("apply network policy"));
        Assert.True(e.IsReadOnlyInstall);
        Assert.Contains("apply network policy", e.Message);
        Assert.Contains("Dashboard:ReadOnly", e.Message);
    }

    [Fact]
    public void EnsureAdmin_ReadOnlyInstallWithUnsecuredLocalAdmin_Refuses()
    {
        var local = new DashboardUser("local-admin", "Local admin (unsecured)", [], DashboardRole.Admin, true, true);
        var guard = Guard(local, readOnly: true);

        Assert.False(guard.CanMutate);
        Assert.True(Assert.Throws<DashboardForbiddenException>(() => guard.EnsureAdmin("delete network policy")).IsReadOnlyInstall);
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
