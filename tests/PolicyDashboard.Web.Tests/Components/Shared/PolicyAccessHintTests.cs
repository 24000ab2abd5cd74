using Bunit;
using PolicyDashboard.Web.Auth;
using PolicyDashboard.Web.Components.Pages;
using PolicyDashboard.Web.Components.Shared;
using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Components.Shared;

public sealed class PolicyAccessHintTests : DashboardTestContext
{
    [Fact]
    public void Hint_Allowed_SaysYesAndWhomTheClusterAnsweredFor()
    {
        Access.Answer = ns => new PolicyAccess(ns, true, true, true, "alice");

        var cut = Render<PolicyAccessHint>(p => p.Add(x => x.Namespace, "shop"));

        var hint = cut.Find("[data-testid=policy-access]");
        Assert.Equal("yes", hint.GetAttribute("data-can-change"));
        Assert.Contains("You can change policies here: yes", Normalize(hint.TextContent));
        Assert.Contains("as alice", hint.TextContent);
        Assert.Equal(["shop"], Access.Asked);
    }

    [Fact]
    public void Hint_RefusedByRbac_SaysNoWithTheReason()
    {
        Access.Answer = ns => new PolicyAccess(ns, false, false, false, "alice", Reason: "Kubernetes RBAC does not let alice create, patch, delete networkpolicies in default");

        var cut = Render<PolicyAccessHint>(p => p.Add(x => x.Namespace, "default"));

        var hint = cut.Find("[data-testid=policy-access]");
        Assert.Equal("no", hint.GetAttribute("data-can-change"));
        Assert.Contains("Kubernetes RBAC does not let alice", hint.TextContent);
    }

    [Fact]
    public void Hint_ApplyButNotDelete_SaysNoAndWhatIsAllowed()
    {
        Access.Answer = ns => new PolicyAccess(ns, true, true, false, "alice", Reason: "Kubernetes RBAC does not let alice delete networkpolicies in shop");

        var cut = Render<PolicyAccessHint>(p => p.Add(x => x.Namespace, "shop"));

        Assert.Contains("you may apply but not delete", cut.Find("[data-testid=policy-access]").TextContent);
    }

    [Fact]
    public void Hint_ClusterCouldNotBeAsked_SaysUnknown()
    {
        Access.Answer = ns => new PolicyAccess(ns, false, false, false, "alice", Problem: "the cluster could not be asked: 403 Forbidden");

        var cut = Render<PolicyAccessHint>(p => p.Add(x => x.Namespace, "shop"));

        var hint = cut.Find("[data-testid=policy-access]");
        Assert.Equal("unknown", hint.GetAttribute("data-can-change"));
        Assert.Contains("could not be asked", hint.TextContent);
    }

    [Fact]
    public void NamespaceDetail_ShowsTheHintForItsNamespace()
    {
        Publish(Make.Snapshot(1, [Make.Namespace("shop")]));

        var cut = RenderPage<NamespaceDetail>(parameters: p => p.Add(x => x.Name, "shop"));

        Assert.Equal("yes", cut.Find("[data-testid=policy-access]").GetAttribute("data-can-change"));
        Assert.Equal(["shop"], Access.Asked);
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
