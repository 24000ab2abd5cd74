using System.Security.Cryptography.X509Certificates;
using PolicyDashboard.Core.Scenarios;
using PolicyDashboard.Sandbox.Authorization;

namespace PolicyDashboard.Sandbox;

/// <summary>How to start the sandbox: where to listen, what to seed, how watches behave.</summary>
public sealed record SandboxOptions
{
    /// <summary>Loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>"demo" (the Guestbook story), "empty" (only the default namespaces) or "scale" (generated, see <see cref="Scale"/>).</summary>
    public string Scenario { get; init; } = "demo";

    public ScaleScenarioOptions Scale { get; init; } = new();

    /// <summary>How often watches that asked for bookmarks (allowWatchBookmarks=true) get one.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Events kept for watch replay; a watch from a resourceVersion older than them gets 410 Expired.</summary>
    public int HistoryLimit { get; init; } = 10_000;

    /// <summary>
    /// Serve https with this certificate (it needs its private key), as a real API server does, instead of plain
    /// http. In-cluster clients trust only the cluster CA, so a test issues this from a CA it writes as <c>ca.crt</c>.
    /// </summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>
    /// Answer 401 Unauthorized (a Status, as the API server does) to every request that does not carry
    /// <c>Authorization: Bearer</c> with this token: what a service-account token mount must get through. Null: no check.
    /// </summary>
    public string? RequiredBearerToken { get; init; }

    /// <summary>The clock for timestamps, bookmarks and watch timeouts.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// What impersonated users may do (requests with Impersonate-User). Requests without impersonation act as the
    /// server's own identity and may do everything, as do members of system:masters; anyone else needs a grant.
    /// Empty by default: an impersonated user outside system:masters may only review its own access.
    /// </summary>
    public IReadOnlyList<SandboxGrant> Grants { get; init; } = [];

    public static readonly IReadOnlyList<string> Scenarios = ["demo", "empty", "scale"];

    /// <summary>Problems with the options, each naming the option; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Port is < 0 or > 65535) problems.Add($"Port must be between 0 and 65535 (got {Port})");
        if (!Scenarios.Contains(Scenario)) problems.Add($"Scenario must be one of {string.Join(", ", Scenarios)} (got \"{Scenario}\")");
        if (BookmarkInterval <= TimeSpan.Zero) problems.Add($"BookmarkInterval must be positive (got {BookmarkInterval})");
        if (HistoryLimit < 1) problems.Add($"HistoryLimit must be at least 1 (got {HistoryLimit})");
        if (ServerCertificate is { HasPrivateKey: false }) problems.Add("ServerCertificate must include its private key");
        if (RequiredBearerToken is { Length: 0 }) problems.Add("RequiredBearerToken must not be empty (null turns the check off)");
        for (var i = 0; i < Grants.Count; i++)
            problems.AddRange(Grants[i] is null ? [$"Grants[{i}] must not be null"] : Grants[i].Validate($"Grants[{i}]"));
        if (Scenario == "scale") problems.AddRange(Scale.Validate().Select(p => "Scale: " + p));
        return problems;
    }
}
