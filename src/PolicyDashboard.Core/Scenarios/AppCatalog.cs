using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Scenarios;

/// <summary>
/// The kinds of workloads the scale generator deploys. Real clusters reuse a small vocabulary of app names, tiers
/// and ports across many namespaces; the generator draws from this catalogue so label selectors match across
/// namespaces the way they do in practice.
/// </summary>
internal sealed record AppKind(string Name, string Tier, ImmutableArray<ContainerPort> Ports, int Weight);

internal static class AppCatalog
{
    private static ContainerPort Tcp(string name, int port) => new(name, port, Protocol.TCP);

    public static readonly ImmutableArray<AppKind> Apps =
    [
        new("web", "frontend", [Tcp("http", 8080)], 10),
        new("api", "backend", [Tcp("http", 8080), Tcp("metrics", 9090)], 10),
        new("worker", "backend", [Tcp("metrics", 9090)], 6),
        new("gateway", "frontend", [Tcp("http", 8080), Tcp("https", 8443)], 3),
        new("auth", "backend", [Tcp("grpc", 9000), Tcp("metrics", 9090)], 3),
        new("search", "backend", [Tcp("http", 9200)], 2),
        new("billing", "backend", [Tcp("grpc", 9000)], 2),
        new("cache", "cache", [Tcp("redis", 6379)], 4),
        new("db", "database", [Tcp("postgres", 5432)], 4),
        new("queue", "messaging", [Tcp("amqp", 5672), Tcp("management", 15672)], 2),
    ];

    public static readonly ImmutableArray<string> Teams =
    [
        "payments", "checkout", "catalog", "identity", "search", "platform", "data", "mobile", "growth", "support",
        "logistics", "pricing", "reviews", "ads", "messaging", "media", "analytics", "security", "infra", "billing",
    ];

    public static readonly ImmutableArray<(string Name, int Weight)> Environments = [("prod", 5), ("staging", 3), ("dev", 2)];
}
