using System.Collections.Immutable;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Writes;
using PolicyDashboard.Web.Auth;
using PolicyDashboard.Web.Components.Pages;
using PolicyDashboard.Web.Compose;
using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Components.Pages;

/// <summary>The composer's preview as an auditor sees it: templates, problems at their line, impact, no write control.</summary>
public sealed class ComposePageTests : DashboardTestContext
{
    private sealed class Auditor : ICurrentUser
    {
        public DashboardUser User { get; } = new("a", "Audrey", ImmutableArray.Create("auditors"), DashboardRole.Auditor, true, false);
    }

    public ComposePageTests() : base(services =>
    {
        services.AddSingleton<IPolicyWriter, RefusingPolicyWriter>();
        services.AddSingleton<ICurrentUser, Auditor>();
        services.AddSingleton<IMutationGuard>(sp => new MutationGuard(sp.GetRequiredService<ICurrentUser>(), sp.GetRequiredService<IOptionsMonitor<DashboardOptions>>(), NullLogger<MutationGuard>.Instance));
        services.AddScoped<ComposerService>();
    })
    {
        Publish(Make.Snapshot(4,
            Make.Namespace("default"),
            Make.Pod("default", "frontend-1", "k8s-app=guestbook", "10.0.0.1", new WorkloadRef("Deployment", "frontend")),
            Make.Pod("default", "redis-1", "role=db", "10.0.0.2", new WorkloadRef("Deployment", "redis-master"), ports: Make.Port("redis", 6379)),
            Make.Pod("default", "nginx-1", "run=nginx", "10.0.0.3", new WorkloadRef("Deployment", "nginx"))));
    }

    [Fact]
    public void Compose_AllowRedisTemplateFromAddress_PreviewsNginxLosingRedis()
    {
        var cut = RenderPage<PolicyDashboard.Web.Components.Pages.Compose>("compose?template=allow-redis&ns=default");

        var denied = cut.FindAll("[data-testid=impact-denied]").Select(e => e.TextContent).ToList();
        Assert.Contains(denied, l => l.Contains("default/Deployment/nginx → default/Deployment/redis-master", StringComparison.Ordinal) && l.Contains("6379/TCP", StringComparison.Ordinal));
        Assert.DoesNotContain(denied, l => l.Contains("frontend →", StringComparison.Ordinal));
        Assert.Contains("k8s-app=guestbook", cut.Find("[data-testid=template-description]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_Auditor_SeesNoWriteControl()
    {
        var cut = RenderPage<PolicyDashboard.Web.Components.Pages.Compose>("compose?template=allow-redis&ns=default");

        Assert.Empty(cut.FindAll("[data-testid=compose-apply]"));
        Assert.Empty(cut.FindAll("[data-testid=compose-dry-run]"));
        Assert.NotNull(cut.Find("[data-testid=compose-read-only]"));
    }

    [Fact]
    public void Compose_NamespaceMissingInTheYaml_ProblemShownAtTheField()
    {
        var cut = RenderPage<PolicyDashboard.Web.Components.Pages.Compose>("compose");

        cut.Find("[data-testid=code-editor-text]").Change("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: \"Bad_Name\"\nspec:\n  podSelector: {}\n");

        cut.WaitForAssertion(() =>
        {
            var problems = cut.FindAll("[data-testid=draft-problem]").Select(e => e.TextContent).ToList();
            Assert.Contains(problems, p => p.Contains("metadata.name", StringComparison.Ordinal));
        }, Wait);
    }
}
