using PolicyDashboard.Core.Model;
using PolicyDashboard.Web.Compose;
using PolicyDashboard.Web.Compose.Builder;
using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Compose;

/// <summary>The builder and the YAML stay one draft, and neither view is overwritten by something broken.</summary>
public sealed class ComposerSessionTests
{
    private static readonly ClusterSnapshot Cluster = Make.Snapshot(3,
        Make.Namespace("default"),
        Make.Pod("default", "frontend-1", "k8s-app=guestbook", "10.0.0.1"),
        Make.Pod("default", "redis-1", "role=db", "10.0.0.2", ports: Make.Port("redis", 6379)));

    private const string AllowRedis = SeedManifests.AllowRedis;

    private static ComposerSession Session() => new(() => Cluster) { Namespace = "default" };

    [Fact]
    public void YamlEdited_OneNetworkPolicy_TheBuilderShowsIt()
    {
        var session = Session();

        session.YamlEdited(AllowRedis);

        Assert.NotNull(session.Form);
        Assert.Equal("allow-redis", session.Form.Name);
        Assert.Equal("role=db", Assert.Single(session.Form.Target.Chips).Text);
        Assert.Equal("k8s-app=guestbook", Assert.Single(session.Form.IngressRules[0].Peers[0].Pods.Chips).Text);
        Assert.Null(session.BuilderNote);
        Assert.True(session.Report!.CanApply);
    }

    [Fact]
    public void FormEdited_ChipAdded_TheYamlCarriesIt()
    {
        var session = Session();
        session.YamlEdited(AllowRedis);

        session.Form!.Target.Chips.Add(new LabelChip { Key = "tier", Operator = ChipOperator.In, Values = "backend, cache" });
        session.FormEdited();

        Assert.Contains("matchExpressions", session.Yaml, StringComparison.Ordinal);
        Assert.Contains("- backend", session.Yaml, StringComparison.Ordinal);
        var policy = Assert.Single(session.Report!.Policies);
        Assert.Equal("tier", Assert.Single(policy.PodSelector.MatchExpressions).Key);
    }

    [Fact]
    public void YamlEdited_BrokenText_KeepsTheTextAndTheBuildersLastPolicy()
    {
        var session = Session();
        session.YamlEdited(AllowRedis);
        var broken = AllowRedis.Replace("  podSelector:", "  podSelector: [", StringComparison.Ordinal);

        session.YamlEdited(broken);

        Assert.Equal(broken, session.Yaml);
        Assert.Equal("allow-redis", session.Form!.Name);
        Assert.Contains("line", session.BuilderNote, StringComparison.Ordinal);
        var problem = Assert.Single(session.PositionedProblems);
        Assert.NotNull(problem.Column);
        Assert.False(session.Report!.CanApply);
    }

    [Fact]
    public void YamlEdited_TwoDocuments_TheBuilderStepsAsideAndSaysWhy()
    {
        var session = Session();

        session.YamlEdited(AllowRedis + "\n---\n" + AllowRedis.Replace("allow-redis", "second", StringComparison.Ordinal));

        Assert.Contains("2 policies", session.BuilderNote, StringComparison.Ordinal);
        Assert.Equal(2, session.Report!.Policies.Count);
    }

    [Fact]
    public void ErrorsAt_InvalidCidrFromTheBuilder_IsShownAtThePeersCidrField()
    {
        var session = Session();
        session.NewPolicy("egress-out");
        session.Form!.EgressRules.Add(new RuleForm { Peers = { new PeerForm { Kind = PeerKind.IpBlock, Cidr = "10.0.0.0/33" } } });

        session.FormEdited();

        Assert.NotEmpty(session.ErrorsAt("spec.egress[0].to[0].ipBlock.cidr"));
        Assert.Empty(session.ErrorsAt("spec.egress[0].to[0]", exact: true));
        Assert.NotEmpty(session.ErrorsAt("spec.egress[0]"));
        Assert.False(session.Report!.CanApply);
    }

    [Fact]
    public void NewPolicy_NoName_TheNameFieldSaysItIsRequired()
    {
        var session = Session();

        session.NewPolicy();

        Assert.Contains("a name is required", session.ErrorsAt("metadata.name"));
        Assert.Contains("namespace: default", session.Yaml, StringComparison.Ordinal);
        Assert.False(session.Report!.CanApply);
    }

    [Fact]
    public void Revision_EveryEdit_Increases()
    {
        var session = Session();
        session.YamlEdited(AllowRedis);
        var before = session.Revision;

        session.FormEdited();
        session.YamlEdited(AllowRedis);

        Assert.Equal(before + 2, session.Revision);
    }

    private const string DenyFromDev = """
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata:
          name: deny-from-dev
        spec:
          priority: 20
          subject:
            namespaces:
              matchLabels:
                env: prod
          ingress:
          - name: no-dev
            action: Deny
            from:
            - namespaces:
                matchLabels:
                  env: dev
            ports:
            - portNumber:
                protocol: TCP
                port: 5432
        """;

    [Fact]
    public void YamlEdited_OneAdminNetworkPolicy_TheAdminBuilderShowsIt()
    {
        var session = Session();

        session.YamlEdited(DenyFromDev);

        Assert.Null(session.Form);
        var form = session.AdminForm!;
        Assert.Equal(("deny-from-dev", "20", false), (form.Name, form.Priority, form.SubjectIsPods));
        var rule = Assert.Single(form.IngressRules);
        Assert.Equal(("no-dev", "Deny"), (rule.Name, rule.Action));
        Assert.Equal("env=dev", Assert.Single(rule.Peers[0].Namespaces.Chips).Text);
        Assert.Equal("5432", Assert.Single(rule.Ports).Port);
    }

    [Fact]
    public void FormEdited_AdminRuleChanged_TheYamlFollowsAndReadsBack()
    {
        var session = Session();
        session.YamlEdited(DenyFromDev);

        session.AdminForm!.IngressRules[0].Action = "Pass";
        session.AdminForm.Priority = "5";
        session.FormEdited();

        var policy = Assert.Single(session.Report!.AdminPolicies);
        Assert.Equal(5, policy.Priority);
        Assert.Equal("Pass", policy.Ingress[0].Action);
        Assert.Contains("apiVersion: policy.networking.k8s.io/v1alpha1", session.Yaml, StringComparison.Ordinal);
        Assert.True(session.Report.CanApply, string.Join("; ", session.Report.Problems));
    }

    [Fact]
    public void NewAdminPolicy_ClusterNetworkPolicyWithAPriorityOutOfRange_ShowsTheValidatorAtTheField()
    {
        var session = Session();

        session.NewAdminPolicy(AdminPolicyKind.ClusterNetworkPolicy);
        session.AdminForm!.Name = "cnp";
        session.AdminForm.Priority = "5000";
        session.FormEdited();

        Assert.NotEmpty(session.ErrorsAt("spec.priority"));
        Assert.Contains("v1alpha2", session.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangeNamespace_BuilderPolicy_MovesWithIt()
    {
        var session = Session();
        session.YamlEdited(AllowRedis);

        session.ChangeNamespace("staging");

        Assert.Equal("staging", Assert.Single(session.Report!.Policies).Namespace);
        Assert.Contains("namespace: staging", session.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void YamlEdited_AnotherNamespaceThanTheComposers_IsRefusedAtItsLine()
    {
        var session = new ComposerSession(() => Cluster) { Namespace = "staging" };

        session.YamlEdited(AllowRedis);

        var problem = Assert.Single(session.Report!.Problems, p => p.Message.Contains("does not match the namespace \"staging\"", StringComparison.Ordinal));
        Assert.NotNull(problem.Line);
        Assert.False(session.Report.CanApply);
    }
}
