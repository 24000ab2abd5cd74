using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Tests.Fast;

/// <summary>
/// Small random clusters for differential tests: few namespaces, labels and values so selectors often overlap,
/// IPv4/IPv6/dual-stack/no-IP pods, host-network pods on nodes, named ports on every protocol, and every policy kind
/// with the awkward fields (ipBlock except, host bits, endPort, named ports, SCTP/UDP, Pass, invalid bits).
/// </summary>
internal sealed class RandomClusters(int seed)
{
    private readonly Random _r = new(seed);

    public static readonly string[] PodKeys = ["app", "tier", "env"];
    public static readonly string[] Values = ["a", "b", "c"];
    public static readonly string[] NodeIps = ["192.168.0.1", "192.168.0.2", "fd00:1::1"];
    public static readonly string[] ExternalIps = ["192.168.0.1", "192.168.0.2", "8.8.8.8", "10.0.1.200", "10.0.3.3", "fd00::99", "fd00:1::1", "2001:db8::5"];
    public static readonly (int Port, Protocol Protocol)[] ProbePorts =
        [(80, Protocol.TCP), (8080, Protocol.TCP), (53, Protocol.UDP), (53, Protocol.TCP), (9090, Protocol.TCP), (7777, Protocol.SCTP), (8050, Protocol.TCP), (443, Protocol.TCP), (8100, Protocol.TCP), (8101, Protocol.TCP), (80, Protocol.UDP)];

    private static readonly string[] Cidrs = ["10.0.0.0/16", "10.0.1.0/24", "10.0.1.7/24", "0.0.0.0/0", "10.0.2.5/32", "fd00::/64", "::/0", "192.168.0.0/16", "192.168.0.2/32", "not-a-cidr", "fd00::40/122"];
    private static readonly string[] Excepts = ["10.0.1.0/24", "10.0.2.0/24", "10.0.1.128/25", "fd00::/120", "192.168.0.1/32", "10.0.0.0/8"];

    private T Pick<T>(IReadOnlyList<T> items) => items[_r.Next(items.Count)];
    private bool Chance(double p) => _r.NextDouble() < p;

    public ClusterSnapshot Next()
    {
        var nsCount = _r.Next(1, 4);
        var namespaces = ImmutableDictionary.CreateBuilder<ObjectKey, NamespaceInfo>();
        for (var i = 0; i < nsCount; i++)
        {
            var labels = new List<(string, string)>();
            if (Chance(0.7)) labels.Add(("team", Pick(Values)));
            if (Chance(0.4)) labels.Add(("env", Pick(Values)));
            var meta = new ObjectMeta($"ns{i}", null, Labels: Labels.Of([.. labels]));
            namespaces[meta.Key] = new NamespaceInfo(meta);
        }
        var nodes = ImmutableDictionary.CreateBuilder<ObjectKey, NodeInfo>();
        for (var i = 0; i < 2; i++)
        {
            var meta = new ObjectMeta($"node{i}", null, Labels: Chance(0.6) ? Labels.Of(("role", Pick(Values))) : Labels.Empty);
            nodes[meta.Key] = new NodeInfo(meta, i == 0 ? [NodeIps[0], NodeIps[2]] : [NodeIps[1]]);
        }

        var pods = ImmutableDictionary.CreateBuilder<ObjectKey, PodInfo>();
        var podCount = _r.Next(1, 9);
        for (var i = 0; i < podCount; i++)
        {
            // Pods may live in a namespace that has no Namespace object (ns9).
            var ns = Chance(0.1) ? "ns9" : $"ns{_r.Next(nsCount)}";
            var labels = new List<(string, string)>();
            foreach (var k in PodKeys) if (Chance(0.5)) labels.Add((k, Pick(Values)));
            var hostNetwork = Chance(0.1);
            string? nodeName = $"node{_r.Next(2)}";
            ImmutableArray<string> ips = hostNetwork
                ? (nodeName == "node0" ? [NodeIps[0]] : [NodeIps[1]])
                : _r.Next(10) switch
                {
                    0 => [],
                    1 => [$"fd00::{i + 1:x}"],
                    2 => [$"10.0.1.{i + 1}", $"fd00::{i + 1:x}"],
                    3 => ["garbage"],
                    4 => [$"10.0.2.{i + 1}"],
                    _ => [$"10.0.{_r.Next(2)}.{i + 1}"],
                };
            var ports = ImmutableArray.CreateBuilder<ContainerPort>();
            if (Chance(0.5)) ports.Add(new ContainerPort("http", Chance(0.5) ? 80 : 8080));
            if (Chance(0.3)) ports.Add(new ContainerPort("dns", 53, Chance(0.8) ? Protocol.UDP : Protocol.TCP));
            if (Chance(0.3)) ports.Add(new ContainerPort("metrics", 9090));
            if (Chance(0.2)) ports.Add(new ContainerPort("sctp", 7777, Protocol.SCTP));
            var meta = new ObjectMeta($"p{i}", ns, Labels: Labels.Of([.. labels]));
            // Half the pods without an address are spec-only manifest pods: reachable, matched by no address peer.
            pods[meta.Key] = new PodInfo(meta, ips, ports.ToImmutable(), hostNetwork, NodeName: nodeName, AddressUnknown: ips.IsEmpty && Chance(0.5));
        }

        var nps = ImmutableDictionary.CreateBuilder<ObjectKey, NetworkPolicyInfo>();
        var npCount = _r.Next(0, 5);
        for (var i = 0; i < npCount; i++)
        {
            var ns = Chance(0.9) ? $"ns{_r.Next(nsCount)}" : "ns9";
            var np = RandomNetworkPolicy($"np{i}", ns);
            nps[np.Key] = np;
        }

        var admin = ImmutableDictionary.CreateBuilder<AdminPolicyKey, AdminPolicyInfo>();
        var adminCount = _r.Next(0, 4);
        for (var i = 0; i < adminCount; i++)
        {
            var a = RandomAdminPolicy(i);
            admin[a.Key] = a;
        }

        return ClusterSnapshot.Empty with
        {
            Version = seed,
            Namespaces = namespaces.ToImmutable(),
            Nodes = nodes.ToImmutable(),
            Pods = pods.ToImmutable(),
            NetworkPolicies = nps.ToImmutable(),
            AdminPolicies = admin.ToImmutable(),
        };
    }

    public LabelSelector Selector(IReadOnlyList<string> keys)
    {
        if (Chance(0.25)) return LabelSelector.Everything;
        var match = new List<(string, string)>();
        var exprs = ImmutableArray.CreateBuilder<LabelSelectorRequirement>();
        var n = _r.Next(1, 3);
        for (var i = 0; i < n; i++)
        {
            var key = Pick(keys);
            switch (_r.Next(6))
            {
                case 0 or 1: if (!match.Any(m => m.Item1 == key)) match.Add((key, Pick(Values))); break;
                case 2: exprs.Add(new(key, "In", [Pick(Values), Pick(Values)])); break;
                case 3: exprs.Add(new(key, "NotIn", [Pick(Values)])); break;
                case 4: exprs.Add(new(key, "Exists", [])); break;
                default: exprs.Add(new(key, Chance(0.9) ? "DoesNotExist" : "Bogus", [])); break;
            }
        }
        return new LabelSelector(Labels.Of([.. match]), exprs.ToImmutable());
    }

    private LabelSelector NsSelector() => Chance(0.15)
        ? LabelSelector.Of(("kubernetes.io/metadata.name", $"ns{_r.Next(3)}"))
        : Selector(["team", "env"]);

    public NetworkPolicyInfo RandomNetworkPolicy(string name, string ns)
    {
        ImmutableArray<NetworkPolicyRule> Rules()
        {
            var count = _r.Next(0, 3);
            var rules = ImmutableArray.CreateBuilder<NetworkPolicyRule>();
            for (var i = 0; i < count; i++)
            {
                var peers = ImmutableArray.CreateBuilder<NetworkPolicyPeer>();
                var peerCount = Chance(0.2) ? 0 : _r.Next(1, 3);
                for (var j = 0; j < peerCount; j++)
                    peers.Add(_r.Next(6) switch
                    {
                        0 => new NetworkPolicyPeer(Selector(PodKeys), null, null),
                        1 => new NetworkPolicyPeer(null, NsSelector(), null),
                        2 => new NetworkPolicyPeer(Selector(PodKeys), NsSelector(), null),
                        3 or 4 => new NetworkPolicyPeer(null, null, new IpBlock(Pick(Cidrs), Chance(0.5) ? [Pick(Excepts)] : [])),
                        _ => Chance(0.5) ? new NetworkPolicyPeer(null, null, null) : new NetworkPolicyPeer(Selector(PodKeys), null, new IpBlock("10.0.0.0/8", [])),
                    });
                var ports = ImmutableArray.CreateBuilder<NetworkPolicyPort>();
                var portCount = Chance(0.35) ? 0 : _r.Next(1, 3);
                for (var j = 0; j < portCount; j++)
                    ports.Add(_r.Next(10) switch
                    {
                        0 => new NetworkPolicyPort(null, IntOrString.Of(80), null),
                        1 => new NetworkPolicyPort("UDP", IntOrString.Of(53), null),
                        2 => new NetworkPolicyPort(null, IntOrString.Of("http"), null),
                        3 => new NetworkPolicyPort("UDP", IntOrString.Of("dns"), null),
                        4 => new NetworkPolicyPort("TCP", IntOrString.Of(8000), 8100),
                        5 => new NetworkPolicyPort("SCTP", Chance(0.5) ? IntOrString.Of(7777) : IntOrString.Of("sctp"), null),
                        6 => new NetworkPolicyPort("UDP", null, null),
                        7 => new NetworkPolicyPort(null, IntOrString.Of("metrics"), null),
                        8 => new NetworkPolicyPort("ICMP", IntOrString.Of(80), null),
                        _ => new NetworkPolicyPort(null, IntOrString.Of(8080), Chance(0.5) ? 8000 : null),
                    });
                rules.Add(new NetworkPolicyRule(peers.ToImmutable(), ports.ToImmutable()));
            }
            return rules.ToImmutable();
        }
        ImmutableArray<PolicyType>? types = _r.Next(4) switch
        {
            0 => null,
            1 => [PolicyType.Ingress],
            2 => [PolicyType.Egress],
            _ => [PolicyType.Ingress, PolicyType.Egress],
        };
        return new NetworkPolicyInfo(new ObjectMeta(name, ns), Selector(PodKeys), types, Rules(), Rules());
    }

    public AdminPolicyInfo RandomAdminPolicy(int i)
    {
        var kind = _r.Next(3) switch { 0 => AdminPolicyKind.AdminNetworkPolicy, 1 => AdminPolicyKind.BaselineAdminNetworkPolicy, _ => AdminPolicyKind.ClusterNetworkPolicy };
        var tier = kind switch
        {
            AdminPolicyKind.AdminNetworkPolicy => AdminTier.Admin,
            AdminPolicyKind.BaselineAdminNetworkPolicy => AdminTier.Baseline,
            _ => Chance(0.5) ? AdminTier.Admin : AdminTier.Baseline,
        };
        var name = kind == AdminPolicyKind.BaselineAdminNetworkPolicy && Chance(0.85) ? "default" : $"a{i}";
        int? priority = kind == AdminPolicyKind.BaselineAdminNetworkPolicy ? null : Chance(0.95) ? _r.Next(0, 4) : 1001;
        var subject = Chance(0.5)
            ? new AdminSubject(NsSelector(), null)
            : new AdminSubject(null, new NamespacedPodSelector(NsSelector(), Selector(PodKeys)));
        string[] actions = kind switch
        {
            AdminPolicyKind.AdminNetworkPolicy => ["Allow", "Deny", "Pass"],
            AdminPolicyKind.BaselineAdminNetworkPolicy => ["Allow", "Deny"],
            _ => ["Accept", "Deny", "Pass"],
        };
        ImmutableArray<AdminRule> Rules(bool egress)
        {
            var count = _r.Next(0, 4);
            var rules = ImmutableArray.CreateBuilder<AdminRule>();
            for (var k = 0; k < count; k++)
            {
                var peers = ImmutableArray.CreateBuilder<AdminPeer>();
                var peerCount = Chance(0.05) ? 0 : _r.Next(1, 3);
                for (var j = 0; j < peerCount; j++)
                    peers.Add(_r.Next(egress ? 6 : 4) switch
                    {
                        0 or 1 => new AdminPeer(NsSelector(), null, null, null),
                        2 => new AdminPeer(null, new NamespacedPodSelector(NsSelector(), Selector(PodKeys)), null, null),
                        3 => Chance(0.9) ? new AdminPeer(null, new NamespacedPodSelector(LabelSelector.Everything, Selector(PodKeys)), null, null) : new AdminPeer(null, null, null, null),
                        4 => new AdminPeer(null, null, Chance(0.5) ? LabelSelector.Everything : LabelSelector.Of(("role", Pick(Values))), null),
                        _ => new AdminPeer(null, null, null, [Pick(Cidrs), Pick(Cidrs)]),
                    });
                ImmutableArray<AdminPort>? ports = null;
                if (Chance(0.6))
                {
                    var list = ImmutableArray.CreateBuilder<AdminPort>();
                    var pc = _r.Next(1, 3);
                    for (var j = 0; j < pc; j++)
                        list.Add(_r.Next(6) switch
                        {
                            0 => new AdminPort.Number("TCP", 80),
                            1 => new AdminPort.Number("UDP", 53),
                            2 => new AdminPort.Range("TCP", 8000, Chance(0.9) ? 8100 : 7000),
                            3 => new AdminPort.Named(Pick(new[] { "http", "dns", "metrics", "sctp" })),
                            4 => new AdminPort.Number("SCTP", 7777),
                            _ => new AdminPort.Range("TCP", 8080, 9090),
                        });
                    ports = list.ToImmutable();
                }
                rules.Add(new AdminRule(Chance(0.5) ? $"r{k}" : null, Pick(actions), peers.ToImmutable(), ports));
            }
            return rules.ToImmutable();
        }
        return new AdminPolicyInfo(new ObjectMeta(name, null), kind, tier, priority, subject, Rules(false), Rules(true));
    }
}
