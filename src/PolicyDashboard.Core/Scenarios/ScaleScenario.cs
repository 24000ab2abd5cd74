using System.Collections.Immutable;
using System.Globalization;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Scenarios;

/// <summary>
/// Generates a large, realistic-looking cluster from <see cref="ScaleScenarioOptions"/>, deterministically: the same
/// options give the same cluster, object for object. Shape: <c>Namespaces</c> team namespaces (labels team and
/// environment) holding apps from <see cref="AppCatalog"/> (labels app, tier, version, pod-template-hash),
/// <c>Pods</c> pods spread over them with a long tail, one service per app, <c>Policies</c> NetworkPolicies drawn
/// from the patterns admins write (default deny, app-to-app, team namespaces, DNS egress, monitoring, ipBlock), and
/// a few admin-tier policies. kube-system (CoreDNS) and monitoring (Prometheus) come on top of the counts.
/// </summary>
public static class ScaleScenario
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static GeneratedCluster Generate(ScaleScenarioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(options));
        var rng = new Random(options.Seed);
        var created = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var nodes = Nodes(options, out var cidrs, out var nodeAllocators);
        var namespaces = ImmutableArray.CreateBuilder<NamespaceInfo>();
        var pods = ImmutableArray.CreateBuilder<PodInfo>();
        var services = ImmutableArray.CreateBuilder<ServiceInfo>();
        var nextNode = 0;
        var nextServiceIp = 10;

        PodInfo Place(PodInfo pod)
        {
            var n = nextNode++ % nodes.Length;
            return pod with { NodeName = nodes[n].Name, Ips = [nodeAllocators[n].Next()] };
        }

        NamespaceInfo Ns(string name, params (string, string)[] labels) =>
            new(new ObjectMeta(name, null, CreationTimestamp: created, Labels: Labels.Of([.. labels, ("kubernetes.io/metadata.name", name)])));

        // System namespaces the generated policies refer to.
        namespaces.Add(Ns("kube-system"));
        namespaces.Add(Ns("monitoring", ("team", "platform")));
        foreach (var p in Deployment("kube-system", "coredns", 2, Labels.Of(("k8s-app", "kube-dns")),
                     [new("dns", 53, Protocol.UDP), new("dns-tcp", 53, Protocol.TCP), new("metrics", 9153, Protocol.TCP)], rng, created))
            pods.Add(Place(p));
        foreach (var p in Deployment("monitoring", "prometheus", 1, Labels.Of(("app.kubernetes.io/name", "prometheus")), [new("web", 9090, Protocol.TCP)], rng, created))
            pods.Add(Place(p));
        services.Add(Service("kube-system", "kube-dns", Labels.Of(("k8s-app", "kube-dns")),
            [new("dns", 53, Protocol.UDP, IntOrString.Of(53)), new("dns-tcp", 53, Protocol.TCP, IntOrString.Of(53))], ref nextServiceIp, created));

        // Team namespaces: sizes follow a long tail (a few big namespaces, many small ones).
        var weights = Enumerable.Range(0, options.Namespaces).Select(i => 1.0 / Math.Pow(i + 1, 0.6)).ToArray();
        Shuffle(weights, rng);
        var podCounts = Apportion(options.Pods, weights);
        var nsApps = new List<(string Ns, string Team, string Env, List<(AppKind App, Labels Labels)> Apps)>();
        for (var i = 0; i < options.Namespaces; i++)
        {
            var team = AppCatalog.Teams[i % AppCatalog.Teams.Length];
            var env = Pick(AppCatalog.Environments, rng);
            var name = options.Namespaces <= AppCatalog.Teams.Length ? $"{team}-{env}" : $"{team}-{env}-{i.ToString("D3", CultureInfo.InvariantCulture)}";
            namespaces.Add(Ns(name, ("team", team), ("environment", env)));
            var appCount = Math.Clamp(podCounts[i] / 4, 1, 8);
            var apps = new List<(AppKind, Labels)>();
            var used = new HashSet<string>(StringComparer.Ordinal);
            while (apps.Count < appCount && used.Count < AppCatalog.Apps.Length)
            {
                var app = Pick(AppCatalog.Apps.Select(a => (a, a.Weight)).ToImmutableArray(), rng);
                if (!used.Add(app.Name)) continue;
                var labels = Labels.Of(("app", app.Name), ("tier", app.Tier), ("team", team),
                    ("app.kubernetes.io/name", app.Name), ("version", rng.Next(4) == 0 ? "v2" : "v1"));
                apps.Add((app, labels));
                services.Add(Service(name, app.Name, Labels.Of(("app", app.Name)),
                    app.Ports.Select(p => new ServicePortInfo(p.Name, p.Port, p.Protocol, IntOrString.Of(p.Name!))).ToImmutableArray(), ref nextServiceIp, created));
            }
            var replicas = Apportion(podCounts[i], apps.Select(a => (double)a.Item1.Weight).ToArray());
            for (var a = 0; a < apps.Count; a++)
                foreach (var p in Deployment(name, apps[a].Item1.Name, replicas[a], apps[a].Item2, apps[a].Item1.Ports, rng, created))
                    pods.Add(Place(p));
            nsApps.Add((name, team, env, apps));
        }

        var policies = PolicyPatterns.Generate(options.Policies, nsApps.Select(n => new PolicyPatterns.Target(n.Ns, n.Team, n.Env, n.Apps.Select(a => a.App).ToList())).ToList(), rng, created);
        var admin = PolicyPatterns.AdminPolicies(created);
        return new GeneratedCluster(nodes, cidrs, namespaces.ToImmutable(), pods.ToImmutable(), services.ToImmutable(), policies, admin);
    }

    private static ImmutableArray<NodeInfo> Nodes(ScaleScenarioOptions options, out ImmutableArray<string> cidrs, out IpAllocator[] allocators)
    {
        var count = options.EffectiveNodes;
        var perNode = (options.Pods + 3 + count - 1) / count;
        // The smallest per-node pod CIDR (at most /24) with room for the node's share of pods.
        var hostBits = 8;
        while ((1 << hostBits) - 2 < perNode) hostBits++;
        var nodes = ImmutableArray.CreateBuilder<NodeInfo>(count);
        var cidrList = ImmutableArray.CreateBuilder<string>(count);
        allocators = new IpAllocator[count];
        for (var i = 0; i < count; i++)
        {
            var name = $"node-{(i + 1).ToString("D3", CultureInfo.InvariantCulture)}";
            var baseValue = (10u << 24) + (64u << 16) + ((uint)i << hostBits);
            cidrList.Add($"{IpAllocator.Format(baseValue)}/{32 - hostBits}");
            allocators[i] = new IpAllocator(baseValue, 1u << hostBits);
            var internalIp = IpAllocator.Format((172u << 24) + (16u << 16) + (uint)(i + 10));
            nodes.Add(new NodeInfo(new ObjectMeta(name, null, Labels: Labels.Of(
                ("kubernetes.io/hostname", name), ("kubernetes.io/os", "linux"),
                ("topology.kubernetes.io/zone", $"zone-{"abc"[i % 3]}"))), [internalIp]));
        }
        cidrs = cidrList.MoveToImmutable();
        return nodes.MoveToImmutable();
    }

    private static IEnumerable<PodInfo> Deployment(string ns, string app, int replicas, Labels labels, ImmutableArray<ContainerPort> ports, Random rng, DateTimeOffset created)
    {
        var hash = Suffix(rng, 10);
        var podLabels = labels.With("pod-template-hash", hash);
        var containerPorts = ports.Select(p => p with { Container = app }).ToImmutableArray();
        for (var r = 0; r < replicas; r++)
        {
            yield return new PodInfo(
                new ObjectMeta($"{app}-{hash}-{Suffix(rng, 5)}", ns, CreationTimestamp: created, Labels: podLabels),
                ImmutableArray<string>.Empty, containerPorts, Owner: new WorkloadRef("Deployment", app));
        }
    }

    private static ServiceInfo Service(string ns, string name, Labels selector, ImmutableArray<ServicePortInfo> ports, ref int nextIp, DateTimeOffset created)
    {
        var ip = IpAllocator.Format((10u << 24) + (96u << 16) + (uint)nextIp++);
        return new ServiceInfo(new ObjectMeta(name, ns, CreationTimestamp: created, Labels: Labels.Of(("app", name))), "ClusterIP", selector, [ip], ports);
    }

    internal static string Suffix(Random rng, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = Alphabet[rng.Next(Alphabet.Length)];
        return new string(chars);
    }

    internal static T Pick<T>(ImmutableArray<(T Item, int Weight)> items, Random rng)
    {
        var total = items.Sum(i => i.Weight);
        var x = rng.Next(total);
        foreach (var (item, weight) in items)
        {
            if (x < weight) return item;
            x -= weight;
        }
        return items[^1].Item;
    }

    private static void Shuffle(double[] a, Random rng)
    {
        for (var i = a.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (a[i], a[j]) = (a[j], a[i]);
        }
    }

    /// <summary>Splits <paramref name="total"/> in proportion to the weights (largest remainders), every share ≥ 0.</summary>
    private static int[] Apportion(int total, double[] weights)
    {
        var result = new int[weights.Length];
        if (weights.Length == 0) return result;
        var sum = weights.Sum();
        var remainders = new (double Rem, int Index)[weights.Length];
        var assigned = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = total * weights[i] / sum;
            result[i] = (int)Math.Floor(exact);
            assigned += result[i];
            remainders[i] = (exact - result[i], i);
        }
        foreach (var (_, index) in remainders.OrderByDescending(r => r.Rem).ThenBy(r => r.Index).Take(total - assigned))
            result[index]++;
        return result;
    }

    private sealed class IpAllocator(uint baseValue, uint size)
    {
        private uint _next = 2;

        public string Next() => _next < size - 1 ? Format(baseValue + _next++) : throw new InvalidOperationException("pod CIDR exhausted");

        public static string Format(uint v) =>
            string.Create(CultureInfo.InvariantCulture, $"{v >> 24}.{(v >> 16) & 255}.{(v >> 8) & 255}.{v & 255}");
    }
}
