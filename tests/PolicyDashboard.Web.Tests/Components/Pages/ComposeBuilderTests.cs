using System.Collections.Immutable;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Writes;
using PolicyDashboard.Web.Auth;
using PolicyDashboard.Web.Compose;
using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Components.Pages;

/// <summary>The composer's builder and YAML as one draft, its previews, words and diagram, and an admin's saved drafts.</summary>
public sealed class ComposeBuilderTests : DashboardTestContext
{
    private InMemoryDraftStore Drafts => (InMemoryDraftStore)Services.GetRequiredService<IDraftStore>();

    public ComposeBuilderTests() : base(services =>
    {
        services.AddSingleton<IMutationGuard, AdminGuard>();
        services.AddSingleton<IPolicyWriter, RefusingPolicyWriter>();
        services.AddScoped<ComposerService>();
        services.AddSingleton<IDraftStore, InMemoryDraftStore>();
    })
    {
        Publish(Make.Snapshot(4,
            Make.Namespace("default"),
            Make.Pod("default", "frontend-1", "k8s-app=guestbook", "10.0.0.1", new WorkloadRef("Deployment", "frontend")),
            Make.Pod("default", "redis-1", "role=db", "10.0.0.2", new WorkloadRef("Deployment", "redis-master"), ports: Make.Port("redis", 6379)),
            Make.Pod("default", "nginx-1", "run=nginx", "10.0.0.3", new WorkloadRef("Deployment", "nginx"))));
    }

    private const string FromYaml = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: from-yaml
          namespace: default
        spec:
          podSelector:
            matchLabels:
              run: nginx
          policyTypes: [Egress]
          egress:
          - to:
            - ipBlock:
                cidr: 10.0.0.0/33
        """;

    private static string Yaml(IRenderedComponent<PolicyDashboard.Web.Components.Pages.Compose> cut) =>
        cut.Find("[data-testid=code-editor-text]").GetAttribute("value") ?? cut.Find("[data-testid=code-editor-text]").TextContent;

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<PolicyDashboard.Web.Components.Pages.Compose> cut, string scope, string testId) =>
        cut.Find($"{scope} [data-testid={testId}] input, {scope} input[data-testid={testId}]");

    [Fact]
    public void Builder_ChipAddedToTheTarget_TheYamlHasItAndThePreviewFollows()
    {
        var cut = RenderPage<PolicyDashboard.Web.Components.Pages.Compose>("compose?template=allow-redis&ns=default");
        Assert.Contains("1 pod in default", cut.Find("[data-testid=builder-target-preview]").TextContent, StringComparison.Ordinal);

        Input(cut, "[data-testid=builder-target]", "chip-key").Change("tier");
        Input(cut, "[data-testid=builder-target]", "chip-values").Change("cache");
        cut.Find("[data-testid=builder-target] [data-testid=chip-add]").Click();

        cut.WaitForAssertion(() => Assert.Contains("tier: cache", Yaml(cut), StringComparison.Ordinal), Wait);
        Assert.Contains("no pod", cut.Find("[data-testid=builder-target-preview]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["role=db", "tier=cache"], cut.FindAll("[data-testid=builder-target] > .cb-chips [data-testid=selector-chip]").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public void Yaml_EditedToAnotherPolicy_TheBuilderFollowsAndShowsTheValidatorAtTheField()
    {
        var cut = RenderPage<PolicyDashboard.Web.Components.Pages.Compose>("compose?template=allow-redis&ns=default");

        cut.Find("[data-testid=code-editor-text]").Change(FromYaml);

        cut.WaitForAssertion(() => Assert.Equal("from-yaml", Input(cut, "", "builder-name").GetAttribute("value")), Wait);
        Assert.Equal("10.0.0.0/33", Input(cut, "", "peer-cidr").GetAttribute("value"));
        var cidrField = cut.Find("[data-testid=rule-egress]");
        Assert.Contains("must be a valid CIDR value", cidrField.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Contains(cut.FindAll("[data-testid=draft-problem]"), p => p.TextContent.Contains("spec.egress[0].to[0].ipBlock.cidr", StringComparison.Ordinal));
    }

    [Fact]
    public void Yaml_Broken_KeepsTheTextAndTheBuilderKeepsTheLastPolicy()
    {
        var cut = RenderPage<PolicyDashboard.Web.Components.Pages.Compose>("compose?template=allow-redis&ns=default");
        var broken = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: x\n spec: [\n";

        cut.Find("[data-testid=code-editor-text]").Change(broken);

        cut.WaitForAssertion(() => Assert.Contains("line", cut.Find("[data-testid=builder-note]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("allow-redis", Input(cut, "", "builder-name").GetAttribute("value"));
        Assert.Equal(broken, Yaml(cut));
        Assert.Contains("column", cut.Find("[data-testid=draft-problem]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_AllowRedis_ShowsItsMeaningInWordsAndTheDiagram()
    {
        var cut = RenderPage<PolicyDashboard.Web.Components.Pages.Compose>("compose?template=allow-redis&ns=default");

        Assert.Contains("allows from pods with k8s-app=guestbook in default", cut.Find("[data-testid=policy-words]").TextContent, StringComparison.Ordinal);
        var kinds = cut.FindAll("[data-testid=diagram-node]").Select(n => n.GetAttribute("data-kind")).ToList();
        Assert.Equal(["Subject", "Peer", "NotIsolated"], kinds);
        Assert.Single(cut.FindAll("[data-testid=diagram-edge]"));
    }

    [Fact]
    public void Builder_EgressRuleAdded_TheDiagramRedrawsWithADestination()
    {
        var cut = RenderPage<PolicyDashboard.Web.Components.Pages.Compose>("compose?template=allow-redis&ns=default");

        cut.Find("[data-testid=builder-add-egress]").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=diagram-edge]").Count), Wait);
        Assert.Contains("egress:", Yaml(cut), StringComparison.Ordinal);
        Assert.Contains(cut.FindAll("[data-testid=peer-preview]"), p => p.TextContent.Contains("3 pods in default", StringComparison.Ordinal));
    }

    [Fact]
    public void Draft_Edited_IsSavedAndTheAddressNamesIt()
    {
        var cut = RenderPage<PolicyDashboard.Web.Components.Pages.Compose>("compose?template=allow-redis&ns=default");

        cut.Find("[data-testid=code-editor-text]").Change(FromYaml.Replace("10.0.0.0/33", "10.0.0.0/24", StringComparison.Ordinal));

        cut.WaitForAssertion(() => Assert.Contains(Drafts.Drafts.Values, d => d.Yaml.Contains("10.0.0.0/24", StringComparison.Ordinal)), Wait);
        var draft = Assert.Single(Drafts.Drafts.Values);
        Assert.Equal("NetworkPolicy default/from-yaml", draft.Title);
        cut.WaitForAssertion(() => Assert.Contains($"draft={draft.Id}", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public void Draft_InTheAddress_IsResumed()
    {
        Drafts.Drafts["d7"] = new Draft("d7", "NetworkPolicy default/from-yaml", FromYaml, "default", DateTimeOffset.UtcNow, null);

        var cut = RenderPage<PolicyDashboard.Web.Components.Pages.Compose>("compose?draft=d7");

        cut.WaitForAssertion(() => Assert.Equal(FromYaml, Yaml(cut)), Wait);
        Assert.Equal("from-yaml", Input(cut, "", "builder-name").GetAttribute("value"));
    }

    [Fact]
    public void Draft_Discarded_IsDeletedAndTheAddressForgetsIt()
    {
        Drafts.Drafts["d7"] = new Draft("d7", "NetworkPolicy default/from-yaml", FromYaml, "default", DateTimeOffset.UtcNow, null);
        var cut = RenderPage<PolicyDashboard.Web.Components.Pages.Compose>("compose?draft=d7");
        cut.WaitForAssertion(() => Assert.Equal(FromYaml, Yaml(cut)), Wait);

        cut.Find("[data-testid=compose-discard]").Click();

        cut.WaitForAssertion(() => Assert.Empty(Drafts.Drafts), Wait);
        Assert.DoesNotContain("draft=", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_AdminNetworkPolicy_TheAdminBuilderItsWordsAndDiagramFollow()
    {
        var cut = RenderPage<PolicyDashboard.Web.Components.Pages.Compose>("compose");
        const string anp = "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata:\n  name: pass-default\nspec:\n  priority: 7\n" +
            "  subject:\n    namespaces:\n      matchLabels:\n        kubernetes.io/metadata.name: default\n  ingress:\n  - name: to-np\n    action: Pass\n    from:\n    - namespaces: {}\n";

        cut.Find("[data-testid=code-editor-text]").Change(anp);

        cut.WaitForAssertion(() => Assert.Equal("7", Input(cut, "[data-testid=admin-builder]", "builder-priority").GetAttribute("value")), Wait);
        Assert.Contains("3 pods in default", cut.Find("[data-testid=builder-subject-namespaces-preview]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Pass", cut.Find("[data-testid=policy-words]").TextContent, StringComparison.Ordinal);
        Assert.Contains("3 pods in default", cut.Find("[data-testid=admin-builder] [data-testid=peer-preview]").TextContent, StringComparison.Ordinal);
        var edge = cut.Find("[data-testid=policy-diagram] [data-testid=diagram-edge]");
        Assert.Equal(("ingress-0-0", "subject", "pass"), (edge.GetAttribute("data-from"), edge.GetAttribute("data-to"), edge.GetAttribute("data-action")));
        Assert.Contains("1. Pass", edge.TextContent, StringComparison.Ordinal);
    }
}
