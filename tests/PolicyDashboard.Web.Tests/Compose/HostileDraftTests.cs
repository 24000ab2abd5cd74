using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PolicyDashboard.Core.Compose;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.Writes;
using PolicyDashboard.Web.Analysis;
using PolicyDashboard.Web.Auth;
using PolicyDashboard.Web.Compose;
using PolicyDashboard.Web.Tests.Browser;

namespace PolicyDashboard.Web.Tests.Compose;

/// <summary>
/// Thousands of hostile drafts through the path the composer uses — analyse, then dry-run and apply as an admin
/// against the embedded API server: every one is refused with a clear problem, none reaches the server, the process
/// stays up and its memory stays flat.
/// </summary>
[Collection(MeasuredAlone.Name)]
public sealed class HostileDraftTests : IAsyncLifetime
{
    private const int Seed = 20261126;

    private DashboardApp _app = null!;
    private Kubernetes _client = null!;

    private sealed class Admin : ICurrentUser
    {
        public DashboardUser User { get; } = new("u", "Ada", ImmutableArray.Create("g"), DashboardRole.Admin, true, false);
    }

    public async ValueTask InitializeAsync()
    {
        _app = new DashboardApp();
        _client = new Kubernetes(new KubernetesClientConfiguration { Host = _app.Sandbox.BaseAddress.ToString() });
        await _app.WaitForAnalysisAsync(r => r.Snapshot.Pods.Count > 0 && r.Snapshot.NetworkPolicies.Count > 0);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>What the API server holds, by kind, name and resourceVersion.</summary>
    private async Task<List<string>> ServerObjectsAsync(CancellationToken ct)
    {
        var policies = await _client.NetworkingV1.ListNetworkPolicyForAllNamespacesAsync(cancellationToken: ct);
        var names = policies.Items.Select(p => $"NetworkPolicy {p.Metadata.NamespaceProperty}/{p.Metadata.Name}@{p.Metadata.ResourceVersion}").ToList();
        foreach (var (plural, version) in new[] { ("adminnetworkpolicies", "v1alpha1"), ("baselineadminnetworkpolicies", "v1alpha1"), ("clusternetworkpolicies", "v1alpha2") })
        {
            var list = (System.Text.Json.JsonElement)await _client.CustomObjects.ListClusterCustomObjectAsync("policy.networking.k8s.io", version, plural, cancellationToken: ct);
            names.AddRange(list.GetProperty("items").EnumerateArray().Select(i =>
                $"{plural} {i.GetProperty("metadata").GetProperty("name").GetString()}@{i.GetProperty("metadata").GetProperty("resourceVersion").GetString()}"));
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    [Fact]
    public async Task AnalyzeAndApply_TenThousandHostileDrafts_AllRefusedNothingWrittenMemoryFlat()
    {
        var ct = TestContext.Current.CancellationToken;
        var output = TestContext.Current.TestOutputHelper!;
        var analysis = _app.Services.GetRequiredService<IReachabilityAnalysis>();
        var composer = new ComposerService(
            new PolicyWriter(new KubernetesClientProvider(_client)),
            new MutationGuard(new Admin(), _app.Services.GetRequiredService<IOptionsMonitor<DashboardOptions>>(), NullLogger<MutationGuard>.Instance),
            analysis,
            NullLogger<ComposerService>.Instance);
        var everyDanger = Enum.GetValues<DangerKind>().ToHashSet();

        // The seeds are valid and the path does reach the server: a dry run of each is accepted (and writes nothing).
        var writesBefore = _app.Sandbox.WriteCount;
        foreach (var seed in HostileDrafts.Seeds)
        {
            var report = DraftAnalyzer.Analyze(seed, analysis.Current.Snapshot, HostileDrafts.Namespace, ct);
            Assert.True(report.CanApply, $"seed refused: {string.Join("; ", report.Problems)}\n{seed}");
            var dryRun = await composer.DryRunAsync(report, ct);
            Assert.True(dryRun.Succeeded, $"seed dry run: {dryRun.Refused} {string.Join("; ", dryRun.Results.Select(r => r.Result))}");
        }

        Assert.Equal(writesBefore, _app.Sandbox.WriteCount);
        var objectsBefore = await ServerObjectsAsync(ct);
        var auditBefore = _app.Sandbox.Audit.Count;
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        // The same drafts twice: the first pass includes warming up (JIT, caches), so memory is stable when the second
        // pass leaves it where the first did.
        var first = await PassAsync(composer, analysis, everyDanger, ct);
        var memoryAfterFirst = GC.GetTotalMemory(forceFullCollection: true);
        var second = await PassAsync(composer, analysis, everyDanger, ct);
        var memoryAfterSecond = GC.GetTotalMemory(forceFullCollection: true);
        var peakWorkingSet = Process.GetCurrentProcess().PeakWorkingSet64;
        var objectsAfter = await ServerObjectsAsync(ct);

        static string Ms(double v) => v.ToString(v < 1 ? "F3" : "F1", CultureInfo.InvariantCulture);
        static string Mb(long v) => (v / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);
        foreach (var (name, pass) in new[] { ("first pass", first), ("second pass", second) })
        {
            var t = pass.Times;
            output.WriteLine($"{name}: {t.Count:N0} hostile drafts (seed {Seed}), refused {t.Count - pass.Failures.Count:N0}, failures {pass.Failures.Count}; "
                + $"{pass.Elapsed.TotalSeconds:F1} s for analysis + dry run + apply; analysis per draft median {Ms(t[t.Count / 2])} ms, p99 {Ms(t[(int)(t.Count * 0.99)])} ms, max {Ms(t[^1])} ms; "
                + $"managed heap sampled up to {Mb(pass.ManagedHigh)} MB");
        }

        output.WriteLine($"managed memory after a full GC: before {Mb(memoryBefore)} MB, after the first pass {Mb(memoryAfterFirst)} MB, after the second {Mb(memoryAfterSecond)} MB; "
            + $"peak working set of the test process (web app, API server and tests) {Mb(peakWorkingSet)} MB");
        output.WriteLine($"API server: writes {writesBefore} → {_app.Sandbox.WriteCount}, audit entries {auditBefore} → {_app.Sandbox.Audit.Count}, policy objects {objectsBefore.Count} → {objectsAfter.Count} (unchanged: {objectsBefore.SequenceEqual(objectsAfter)})");
        foreach (var (category, (count, max)) in second.ByCategory)
            output.WriteLine($"  {category}: {count:N0} drafts, slowest analysis {Ms(max)} ms");

        Assert.True(first.Times.Count >= 10_000, $"only {first.Times.Count} drafts");
        Assert.True(first.Failures.Count == 0, string.Join("\n", first.Failures));
        Assert.True(second.Failures.Count == 0, string.Join("\n", second.Failures));
        Assert.Equal(writesBefore, _app.Sandbox.WriteCount);
        Assert.Equal(auditBefore, _app.Sandbox.Audit.Count);
        Assert.Equal(objectsBefore, objectsAfter);
        Assert.True(memoryAfterSecond - memoryAfterFirst < 8L * 1024 * 1024, $"managed memory grew from {memoryAfterFirst:N0} to {memoryAfterSecond:N0} bytes over the second pass");
        Assert.True(memoryAfterSecond - memoryBefore < 64L * 1024 * 1024, $"managed memory grew from {memoryBefore:N0} to {memoryAfterSecond:N0} bytes");
        // Bounded work per draft, whatever the machine's load: an unbounded expansion or a quadratic scan takes minutes.
        Assert.True(first.Times[^1] < 5_000 && second.Times[^1] < 5_000, $"the slowest analysis took {Math.Max(first.Times[^1], second.Times[^1]):F0} ms");
    }

    private sealed record Pass(List<double> Times, SortedDictionary<string, (int Count, double MaxMs)> ByCategory, List<string> Failures, TimeSpan Elapsed, long ManagedHigh);

    /// <summary>Every hostile draft through the composer's path: analyse, dry-run, apply (as an admin, every danger confirmed).</summary>
    private static async Task<Pass> PassAsync(ComposerService composer, IReachabilityAnalysis analysis, IReadOnlySet<DangerKind> everyDanger, CancellationToken ct)
    {
        var times = new List<double>(HostileDrafts.Count);
        var byCategory = new SortedDictionary<string, (int Count, double MaxMs)>(StringComparer.Ordinal);
        var failures = new List<string>();
        var managedHigh = 0L;
        var total = Stopwatch.StartNew();
        var n = 0;
        foreach (var draft in HostileDrafts.Generate(Seed))
        {
            n++;
            var snapshot = analysis.Current.Snapshot;
            var watch = Stopwatch.StartNew();
            var report = draft.Bytes is { } bytes
                ? DraftAnalyzer.AnalyzeBytes(bytes, snapshot, HostileDrafts.Namespace, ct)
                : DraftAnalyzer.Analyze(draft.Text, snapshot, HostileDrafts.Namespace, ct);
            var ms = watch.Elapsed.TotalMilliseconds;
            times.Add(ms);
            byCategory[draft.Category] = byCategory.TryGetValue(draft.Category, out var c) ? (c.Count + 1, Math.Max(c.MaxMs, ms)) : (1, ms);

            var dryRun = await composer.DryRunAsync(report, ct);
            var apply = await composer.ApplyAsync(report, force: true, everyDanger, ct);
            if (Check(draft, report, dryRun, apply) is { } problem)
                failures.Add(failures.Count < 20 ? $"{draft.Category} #{n}: {problem}\n---\n{(draft.Text is { Length: < 2000 } t ? t : $"({draft.Length:N0} characters or bytes)")}\n---" : "…");
            if (n % 500 == 0) managedHigh = Math.Max(managedHigh, GC.GetTotalMemory(forceFullCollection: false));
        }

        total.Stop();
        times.Sort();
        return new Pass(times, byCategory, failures, total.Elapsed, managedHigh);
    }

    /// <summary>Why a hostile draft was not refused as it must be, or null when it was.</summary>
    private static string? Check(HostileDraft draft, DraftReport report, ComposeOutcome dryRun, ComposeOutcome apply)
    {
        if (report.CanApply) return "accepted by the analyzer";
        if (report.Problems.Count == 0 || report.Problems.Any(p => string.IsNullOrWhiteSpace(p.Message))) return "refused without a message";
        if (dryRun.Refused is null || dryRun.Results.Count > 0) return "the dry run was sent";
        if (apply.Refused is null || apply.Results.Count > 0) return "the apply was sent";
        var told = draft.Expect switch
        {
            HostileExpectation.Position => report.Problems.Any(p => p.Line is > 0 && p.Column is > 0),
            HostileExpectation.FieldOrPosition => report.Problems.Any(p => p.Field is not null || p.Line is > 0),
            _ => report.Problems.Any(p => p.Message.Contains("at most", StringComparison.Ordinal)),
        };
        if (!told) return $"the problems do not say {draft.Expect}: {string.Join("; ", report.Problems)}";
        return report.Problems.Any(p => Regex.IsMatch(p.ToString(), draft.Why, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
            ? null
            : $"refused, but not for /{draft.Why}/: {string.Join("; ", report.Problems)}";
    }
}
