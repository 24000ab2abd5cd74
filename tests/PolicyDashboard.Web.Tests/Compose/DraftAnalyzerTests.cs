using PolicyDashboard.Core.Diff;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Web.Compose;
using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Compose;

/// <summary>Drafts read, validated and previewed the way the composer shows them.</summary>
public sealed class DraftAnalyzerTests
{
    private static readonly ClusterSnapshot Guestbook = Make.Snapshot(3,
        Make.Namespace("default"),
        Make.Namespace("kube-system"),
        Make.Pod("default", "frontend-1", "k8s-app=guestbook,tier=frontend", "10.0.0.1", new WorkloadRef("Deployment", "frontend")),
        Make.Pod("default", "redis-master-1", "app=redis,role=db", "10.0.0.2", new WorkloadRef("Deployment", "redis-master"), ports: Make.Port("redis", 6379)),
        Make.Pod("default", "nginx-1", "run=nginx", "10.0.0.3", new WorkloadRef("Deployment", "nginx"), ports: Make.Port("http", 80)),
        Make.Pod("kube-system", "coredns-1", "k8s-app=kube-dns", "10.0.9.1", new WorkloadRef("Deployment", "coredns"),
            ports: [Make.Port("dns", 53, Protocol.UDP), Make.Port("dns-tcp", 53)]));

    [Fact]
    public void Analyze_AllowRedisTemplate_NginxLosesRedisOn6379FrontendKeepsIt()
    {
        var template = PolicyTemplates.Create("allow-redis", "default", Guestbook)!;

        var report = DraftAnalyzer.Analyze(template.Yaml, Guestbook, TestContext.Current.CancellationToken);

        Assert.True(report.CanApply, string.Join("; ", report.Problems));
        Assert.Contains(report.Impact.NewlyDenied, e => e.Source.ToString().Contains("nginx", StringComparison.Ordinal)
            && e.Destination.ToString().Contains("redis-master", StringComparison.Ordinal) && e.Port == 6379);
        Assert.DoesNotContain(report.Impact.Entries, e => e.Source.ToString().Contains("frontend", StringComparison.Ordinal) && e.Port == 6379);
        Assert.Empty(report.Impact.NewlyAllowed);
        Assert.Equal(3, report.SnapshotVersion);
    }

    [Theory]
    [InlineData("default-deny-ingress")]
    [InlineData("default-deny-egress")]
    [InlineData("allow-same-namespace")]
    [InlineData("allow-ingress-controller")]
    [InlineData("allow-from-namespace")]
    [InlineData("allow-redis")]
    public void Analyze_EveryTemplate_IsAValidDraft(string id)
    {
        var report = DraftAnalyzer.Analyze(PolicyTemplates.Create(id, "default", Guestbook)!.Yaml, Guestbook, TestContext.Current.CancellationToken);

        Assert.True(report.CanApply, string.Join("; ", report.Problems));
        Assert.Single(report.Policies);
    }

    [Fact]
    public void Analyze_DenyEgressTemplate_AllowsTheDetectedDnsAndHasNoDnsDanger()
    {
        var template = PolicyTemplates.Create("default-deny-egress", "default", Guestbook)!;

        var report = DraftAnalyzer.Analyze(template.Yaml, Guestbook, TestContext.Current.CancellationToken);

        Assert.Contains("kube-system", template.Description, StringComparison.Ordinal);
        Assert.Contains("53/UDP", template.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Dangers, d => d.Kind == PolicyDashboard.Core.Compose.DangerKind.EgressWithoutDns);
        Assert.NotEmpty(report.Impact.NewlyDenied);
    }

    [Fact]
    public void Analyze_BrokenYaml_ProblemWithLineAndColumn()
    {
        var report = DraftAnalyzer.Analyze("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: x\n spec: [\n", Guestbook, TestContext.Current.CancellationToken);

        Assert.False(report.CanApply);
        var problem = Assert.Single(report.Problems);
        Assert.NotNull(problem.Line);
        Assert.NotNull(problem.Column);
    }

    [Fact]
    public void Analyze_InvalidPort_ProblemNamesTheField()
    {
        const string yaml = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: bad-port
              namespace: default
            spec:
              podSelector: {}
              ingress:
              - ports:
                - port: 70000
            """;

        var report = DraftAnalyzer.Analyze(yaml, Guestbook, TestContext.Current.CancellationToken);

        Assert.False(report.CanApply);
        Assert.Contains(report.Problems, p => p.Field == "spec.ingress[0].ports[0].port");
    }

    [Fact]
    public void Analyze_APod_RefusedAsNotAPolicy()
    {
        var report = DraftAnalyzer.Analyze("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []\n", Guestbook, TestContext.Current.CancellationToken);

        Assert.False(report.CanApply);
        Assert.Contains(report.Problems, p => p.Message.StartsWith("kind Pod (v1) is not accepted here: expected NetworkPolicy", StringComparison.Ordinal) && p.Line == 2);
    }

    [Fact]
    public void Analyze_TooLarge_RefusedBeforeParsing()
    {
        var report = DraftAnalyzer.Analyze(new string('#', DraftAnalyzer.MaxLength + 1), Guestbook, TestContext.Current.CancellationToken);

        Assert.False(report.CanApply);
        Assert.Contains("at most", Assert.Single(report.Problems).Message, StringComparison.Ordinal);
    }
}
