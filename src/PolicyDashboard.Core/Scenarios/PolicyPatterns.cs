using System.Collections.Immutable;
using System.Globalization;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Scenarios;

/// <summary>The NetworkPolicy shapes admins write most, instantiated over the generated namespaces and apps.</summary>
internal static class PolicyPatterns
{
    public sealed record Target(string Namespace, string Team, string Environment, List<AppKind> Apps);

    private static readonly ImmutableArray<NetworkPolicyPeer> NoPeers = ImmutableArray<NetworkPolicyPeer>.Empty;
    private static readonly ImmutableArray<NetworkPolicyPort> AllPorts = ImmutableArray<NetworkPolicyPort>.Empty;

    public static ImmutableArray<NetworkPolicyInfo> Generate(int count, List<Target> targets, Random rng, DateTimeOffset created)
    {
        var result = ImmutableArray.CreateBuilder<NetworkPolicyInfo>(count);
        if (targets.Count == 0) return result.ToImmutable();
        var names = new HashSet<(string, string)>();
        // Round 0 gives every namespace a default deny, round 1 DNS egress, later rounds app and team rules.
        for (var i = 0; result.Count < count; i++)
        {
            var t = targets[i % targets.Count];
            var round = i / targets.Count;
            var pattern = round switch { 0 => 0, 1 => 1, _ => 2 + rng.Next(6) };
            var policy = Make(pattern, t, targets, rng, created);
            var id = i.ToString(CultureInfo.InvariantCulture);
            if (policy is null || !names.Add((policy.Namespace, policy.Name)))
            {
                // A name already taken (or a namespace without apps): a numbered variant keeps the count exact.
                policy = AppRule(t, rng, created, "-" + id) ?? DefaultDeny(t, created, "default-deny-" + id);
                names.Add((policy.Namespace, policy.Name));
            }
            result.Add(policy);
        }
        return result.MoveToImmutable();
    }

    private static NetworkPolicyInfo? Make(int pattern, Target t, List<Target> all, Random rng, DateTimeOffset created) => pattern switch
    {
        0 => DefaultDeny(t, created, "default-deny-ingress"),
        1 => new NetworkPolicyInfo(Meta("allow-dns-egress", t, created), LabelSelector.Everything, [PolicyType.Egress],
            ImmutableArray<NetworkPolicyRule>.Empty,
            [new NetworkPolicyRule(
                [new NetworkPolicyPeer(LabelSelector.Of(("k8s-app", "kube-dns")), LabelSelector.Of(("kubernetes.io/metadata.name", "kube-system")), null)],
                [new NetworkPolicyPort("UDP", IntOrString.Of(53), null), new NetworkPolicyPort("TCP", IntOrString.Of(53), null)])]),
        2 or 3 => AppRule(t, rng, created, ""),
        4 => TeamRule(t, all, rng, created),
        5 => MonitoringRule(t, created),
        6 => EgressIpBlock(t, created),
        _ => TierExpression(t, created),
    };

    private static ObjectMeta Meta(string name, Target t, DateTimeOffset created) =>
        new(name, t.Namespace, CreationTimestamp: created);

    private static NetworkPolicyInfo DefaultDeny(Target t, DateTimeOffset created, string name) =>
        new(Meta(name, t, created), LabelSelector.Everything, [PolicyType.Ingress],
            ImmutableArray<NetworkPolicyRule>.Empty, ImmutableArray<NetworkPolicyRule>.Empty);

    /// <summary>allow-&lt;app&gt;-from-&lt;peer&gt;: one app may call another in its namespace, on the callee's first named port.</summary>
    private static NetworkPolicyInfo? AppRule(Target t, Random rng, DateTimeOffset created, string suffix)
    {
        if (t.Apps.Count == 0) return null;
        var to = t.Apps[rng.Next(t.Apps.Count)];
        var from = t.Apps[rng.Next(t.Apps.Count)];
        var port = to.Ports[0];
        var byName = rng.Next(2) == 0;
        return new NetworkPolicyInfo(Meta($"allow-{to.Name}-from-{from.Name}{suffix}", t, created), LabelSelector.Of(("app", to.Name)), [PolicyType.Ingress],
            [new NetworkPolicyRule([new NetworkPolicyPeer(LabelSelector.Of(("app", from.Name)), null, null)],
                [new NetworkPolicyPort("TCP", byName ? IntOrString.Of(port.Name!) : IntOrString.Of(port.Port), null)])],
            ImmutableArray<NetworkPolicyRule>.Empty);
    }

    /// <summary>Lets the frontends of another team's namespaces in the same environment in.</summary>
    private static NetworkPolicyInfo? TeamRule(Target t, List<Target> all, Random rng, DateTimeOffset created)
    {
        var other = all[rng.Next(all.Count)];
        if (t.Apps.Count == 0) return null;
        var to = t.Apps[rng.Next(t.Apps.Count)];
        return new NetworkPolicyInfo(Meta($"allow-{to.Name}-from-team-{other.Team}", t, created), LabelSelector.Of(("app", to.Name)), [PolicyType.Ingress],
            [new NetworkPolicyRule(
                [new NetworkPolicyPeer(LabelSelector.Of(("tier", "frontend")), LabelSelector.Of(("team", other.Team), ("environment", t.Environment)), null)],
                AllPorts)],
            ImmutableArray<NetworkPolicyRule>.Empty);
    }

    private static NetworkPolicyInfo MonitoringRule(Target t, DateTimeOffset created) =>
        new(Meta("allow-monitoring-scrape", t, created), LabelSelector.Everything, [PolicyType.Ingress],
            [new NetworkPolicyRule(
                [new NetworkPolicyPeer(LabelSelector.Of(("app.kubernetes.io/name", "prometheus")), LabelSelector.Of(("kubernetes.io/metadata.name", "monitoring")), null)],
                [new NetworkPolicyPort("TCP", IntOrString.Of("metrics"), null), new NetworkPolicyPort("TCP", IntOrString.Of(9000), 9100)])],
            ImmutableArray<NetworkPolicyRule>.Empty);

    private static NetworkPolicyInfo EgressIpBlock(Target t, DateTimeOffset created) =>
        new(Meta("allow-egress-internet", t, created), LabelSelector.Of(("tier", "backend")), [PolicyType.Egress],
            ImmutableArray<NetworkPolicyRule>.Empty,
            [new NetworkPolicyRule(
                [new NetworkPolicyPeer(null, null, new IpBlock("0.0.0.0/0", ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.169.254/32"]))],
                [new NetworkPolicyPort("TCP", IntOrString.Of(443), null)])]);

    private static NetworkPolicyInfo TierExpression(Target t, DateTimeOffset created) =>
        new(Meta("allow-backends-from-frontends", t, created),
            new LabelSelector(Labels.Empty, [new LabelSelectorRequirement("tier", "In", ["backend", "cache", "database"])]),
            [PolicyType.Ingress],
            [new NetworkPolicyRule(
                [new NetworkPolicyPeer(new LabelSelector(Labels.Empty, [new LabelSelectorRequirement("tier", "In", ["frontend", "backend"])]), null, null)],
                AllPorts)],
            ImmutableArray<NetworkPolicyRule>.Empty);

    /// <summary>Two AdminNetworkPolicies and the BaselineAdminNetworkPolicy: what a platform team typically sets.</summary>
    public static ImmutableArray<AdminPolicyInfo> AdminPolicies(DateTimeOffset created)
    {
        var everything = LabelSelector.Everything;
        return
        [
            new AdminPolicyInfo(new ObjectMeta("allow-monitoring", null, CreationTimestamp: created), AdminPolicyKind.AdminNetworkPolicy, AdminTier.Admin, 10,
                new AdminSubject(everything, null),
                [new AdminRule("allow-prometheus", "Allow", [new AdminPeer(LabelSelector.Of(("kubernetes.io/metadata.name", "monitoring")), null, null, null)], null)],
                ImmutableArray<AdminRule>.Empty),
            new AdminPolicyInfo(new ObjectMeta("deny-dev-to-prod", null, CreationTimestamp: created), AdminPolicyKind.AdminNetworkPolicy, AdminTier.Admin, 20,
                new AdminSubject(LabelSelector.Of(("environment", "prod")), null),
                [new AdminRule("deny-from-dev", "Deny", [new AdminPeer(LabelSelector.Of(("environment", "dev")), null, null, null)], null)],
                ImmutableArray<AdminRule>.Empty),
            new AdminPolicyInfo(new ObjectMeta("default", null, CreationTimestamp: created), AdminPolicyKind.BaselineAdminNetworkPolicy, AdminTier.Baseline, null,
                new AdminSubject(LabelSelector.Of(("environment", "prod")), null),
                [new AdminRule("baseline-deny-other-environments", "Deny",
                    [new AdminPeer(new LabelSelector(Labels.Empty, [new LabelSelectorRequirement("environment", "NotIn", ["prod"])]), null, null, null)], null)],
                ImmutableArray<AdminRule>.Empty),
        ];
    }
}
