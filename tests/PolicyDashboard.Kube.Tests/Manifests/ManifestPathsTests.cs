using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Manifests;

namespace PolicyDashboard.Kube.Tests.Manifests;

public sealed class ManifestPathsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kube-manifests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void LoadPaths_Directory_ReadsYamlYmlAndJsonRecursivelyAndIgnoresOtherFiles()
    {
        Write("a.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n");
        Write("sub/b.yml", "apiVersion: v1\nkind: Pod\nmetadata: {name: b}\n");
        Write("sub/deeper/c.json", """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"c"}}""");
        Write("notes.txt", "apiVersion: v1\nkind: Pod\nmetadata: {name: ignored}\n");

        var result = ManifestLoader.LoadPaths([_dir]);

        Assert.Equal(["a", "b", "c"], result.Snapshot.Pods.Keys.Select(k => k.Name).Order());
    }

    [Fact]
    public void LoadPaths_ExplicitFile_IsReadWhateverItsExtension()
    {
        var file = Write("policy.txt", "apiVersion: v1\nkind: Pod\nmetadata: {name: t}\n");

        var result = ManifestLoader.LoadPaths([file]);

        Assert.Single(result.Snapshot.Pods);
    }

    [Fact]
    public void LoadPaths_MissingPath_IsAnErrorNamingIt()
    {
        var missing = Path.Combine(_dir, "nope.yaml");

        var result = ManifestLoader.LoadPaths([missing]);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(ManifestSeverity.Error, error.Severity);
        Assert.Equal(missing, error.Source);
    }

    [Fact]
    public void LoadPaths_InvalidFile_ReportsItsPathAndLoadsTheOthers()
    {
        var bad = Write("bad.yaml", "kind: Pod\nmetadata: {name: [x\n");
        Write("good.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: g}\n");

        var result = ManifestLoader.LoadPaths([_dir]);

        Assert.Contains(result.Diagnostics, d => d.Severity == ManifestSeverity.Error && d.Source == bad && d.Line is not null);
        Assert.True(result.Snapshot.Pods.ContainsKey(new ObjectKey("default", "g")));
    }
}
