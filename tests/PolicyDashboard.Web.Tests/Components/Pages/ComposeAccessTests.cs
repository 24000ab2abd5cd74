using System.Collections.Immutable;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Writes;
using PolicyDashboard.Web.Auth;
using PolicyDashboard.Web.Compose;
using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Components.Pages;

/// <summary>An admin whom the cluster refuses in the draft's namespace: the composer says so and keeps Apply disabled.</summary>
public sealed class ComposeAccessTests : DashboardTestContext
{
    public ComposeAccessTests() : base(services =>
    {
        services.AddSingleton<IMutationGuard, AdminGuard>();
        services.AddSingleton<IPolicyWriter, RefusingPolicyWriter>();
        services.AddScoped<ComposerService>();
    })
    {
        Access.Answer = ns => ns == "default"
            ? new PolicyAccess(ns, false, false, false, "ada", Reason: "no RoleBinding grants it")
            : new PolicyAccess(ns, true, true, true, "ada");
        Publish(Make.Snapshot(2, Make.Namespace("default"), Make.Pod("default", "redis-1", "role=db", "10.0.0.2")));
    }

    [Fact]
    public void Compose_ClusterRefusesTheNamespace_SaysSoAndApplyStaysDisabled()
    {
        var cut = RenderPage<PolicyDashboard.Web.Components.Pages.Compose>("compose?template=allow-redis&ns=default");

        cut.WaitForAssertion(() => Assert.Contains("no RoleBinding grants it", cut.Find("[data-testid=compose-access-denied]").TextContent, StringComparison.Ordinal));
        Assert.True(cut.Find("[data-testid=compose-apply]").HasAttribute("disabled"));
        Assert.Contains("default", Access.Asked);
    }
}
