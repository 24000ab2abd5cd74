using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using k8s;
using YamlDotNet.Serialization;

namespace PolicyDashboard.Deploy.Tests;

/// <summary>One rendered kustomization: its YAML documents, each loaded strictly into KubernetesClient's types.</summary>
public sealed record Rendered(string Overlay, string Yaml, IReadOnlyList<string> Documents, IReadOnlyList<object> Typed, IReadOnlyList<JsonObject> Untyped)
{
    public IEnumerable<T> OfType<T>() => Typed.OfType<T>();

    public T Single<T>() => Assert.Single(Typed.OfType<T>());
}

/// <summary>Renders deploy/ overlays with the real <c>kubectl kustomize</c>; each overlay once per test run.</summary>
public static class Kustomize
{
    public static readonly string[] Overlays = ["base", "overlays/read-only", "overlays/dev", "gateway"];

    /// <summary>Kinds without a class in KubernetesClient: checked as JSON instead.</summary>
    public static readonly string[] UntypedKinds = ["HTTPRoute"];

    private static readonly ConcurrentDictionary<string, Lazy<Rendered>> Cache = new();

    public static string DeployDirectory { get; } = FindDeployDirectory();

    public static Rendered Render(string overlay)
    {
        if (!KubectlAvailable.Value)
            Assert.Skip("kubectl is not on PATH: the kustomize overlays cannot be rendered here (install kubectl 1.27+ to run these tests).");
        return Cache.GetOrAdd(overlay, o => new Lazy<Rendered>(() => RenderUncached(o))).Value;
    }

    private static readonly Lazy<bool> KubectlAvailable = new(() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "kubectl"))));

    private static Rendered RenderUncached(string overlay)
    {
        var psi = new ProcessStartInfo("kubectl", ["kustomize", Path.Combine(DeployDirectory, overlay)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("kubectl did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"kubectl kustomize {overlay} did not finish in 30 s");
        }

        var yaml = stdout.GetAwaiter().GetResult();
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {overlay} failed ({process.ExitCode}): {stderr.GetAwaiter().GetResult()}");

        var documents = SplitDocuments(yaml);
        var typed = new List<object>();
        var untyped = new List<JsonObject>();
        foreach (var document in documents)
        {
            var json = ToJson(document);
            var kind = json["kind"]?.GetValue<string>();
            if (UntypedKinds.Contains(kind))
            {
                untyped.Add(json);
                continue;
            }

            // strict: a field the typed object does not know (a typo, a wrong indentation level) throws.
            typed.Add(Assert.Single(KubernetesYaml.LoadAllFromString(document, typeMap: null, strict: true)));
        }

        return new Rendered(overlay, yaml, documents, typed, untyped);
    }

    public static IReadOnlyList<string> SplitDocuments(string yaml) =>
        yaml.ReplaceLineEndings("\n").Split("\n---\n")
            .Select(d => d.Trim('\n'))
            .Where(d => d.Trim().Length > 0 && d.Trim() != "---")
            .Select(d => d + "\n")
            .ToList();

    public static JsonObject ToJson(string yamlDocument)
    {
        var graph = new DeserializerBuilder().Build().Deserialize<object>(yamlDocument);
        var json = new SerializerBuilder().JsonCompatible().Build().Serialize(graph);
        return Assert.IsType<JsonObject>(JsonNode.Parse(json));
    }

    // The source file's own location: builds may put the binaries anywhere (--artifacts-path).
    private static string FindDeployDirectory([CallerFilePath] string sourceFile = "")
    {
        for (var dir = new FileInfo(sourceFile).Directory; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PolicyDashboard.sln")))
                return Path.Combine(dir.FullName, "deploy");
        }

        throw new InvalidOperationException($"PolicyDashboard.sln not found above {sourceFile}");
    }
}
