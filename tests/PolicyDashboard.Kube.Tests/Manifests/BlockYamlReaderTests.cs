using System.Text;
using PolicyDashboard.Kube.Manifests;

namespace PolicyDashboard.Kube.Tests.Manifests;

/// <summary>
/// The block YAML reader against the YamlDotNet path on the same texts: whatever the block reader accepts must give
/// the same documents (JSON), shallow positions, warnings and errors; whatever it cannot read it must leave to
/// YamlDotNet. Texts: every YAML file of the repository, and awkward snippets.
/// </summary>
public sealed class BlockYamlReaderTests
{
    public static readonly TheoryData<string> Snippets =
    [
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: default\n---\n# a comment-only document\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n",
        "a: 1\nb: true\nc: null\nd: ~\ne: 0x1F\nf: 1e3\ng: 'it''s'\nh: \"q\"\ni: yes\nj: -1\nk: 10.0.0.0/8\nl: http://x:80/y\nm: .inf\nn: 0o17\no: \"80\"\np: True\nq: 007\nr: 1_000\n",
        "apiVersion: v1\nkind: Pod\nkind: Service\n",
        "items:\n- a\n- b: 1\n  c: 2\n-\n  d: 3\n- - x\n",
        "items:\n- a\n- b: 1\n  c: 2\n-\n  d: 3\n",
        "a: b # comment\nc: 'd' # x\n# full line\ne:\n  - f # y\n  -   g\n",
        "a: b\n  c\n",
        "a: [1, 2]\nb: {c: d}\n",
        "a: |\n  x\n  y\n",
        "a: >-\n  x\n",
        "a: &x 1\nb: *x\n",
        "base: &b\n  x: 1\nderived:\n  <<: *b\n",
        "a: b\r\nc: d\r\n",
        "a:\nb: c\n",
        "a: b\n c: d\n",
        "a: 'unterminated\n",
        "a: \"unterminated\n  next\"\n",
        "- a\nb: c\n",
        "a: b: c\n",
        "a : b\n'a b': c\n\"x\": y\n'it''s': z\n",
        "a: 1\n---\nb: 2\n---\n",
        "--- \na: 1\n",
        "--- a: 1\n",
        "---\n---\na: 1\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: 1\n...\n",
        "- a: 1\n- b\n",
        "a:\tb\n",
        "1: a\ntrue: b\nnull: c\n",
        "key: -\nk2: -x\n",
        "k2: -x\nk3: x:y\nk4: ''\nk5: \"\"\nk6: a#b\nk7: a #b\n",
        "- -\n",
        "key: - x\n",
        "key: :x\n",
        "key: ?x\n",
        "key: @x\n",
        "  a: 1\n  b: 2\n",
        "a:\n  - b\n  - c\nd: e\n",
        "a:\n- b\nc: d\n",
        "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n    labels:\n      app: x\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: s\n",
        "\uFEFFa: 1\n",
        "a: 'x' trailing\n",
        "a: \"x\\ny\"\n",
        "a: \"x\" # fine\nb: 'y'#bad\n",
        "",
        "# only a comment\n",
        "a: b\n\n\n   \nc: d\n",
        "a:\n  b:\n    c:\n      d:\n        e: deep\n",
        "a: 1\na: 2\nb:\n  c: 1\n  c: 2\n",
        "a:\n  b: 1\n c: 2\n",
        "- a\n  - b\n",
        "-\n- a\n",
        "a: !!str 1\n",
        "a: !custom x\n",
        "? a\n: b\n",
        "a: x\n  # comment more indented\nb: y\n",
        "a: 'x'\n  'y'\n",
        "a:    spaced   \n",
        "a: \"multi word value\"\nb: plain words here\n",
        "metadata:\n  annotations:\n    note: \"a: b\"\n    other: 'c # d'\n",
        "spec:\n  podSelector: {}\n  ingress: []\n  x: {} # c\n  y: {}#c\n  z: {a: 1}\n",
        "- {}\n- []\n- [] x\n",
        "- {}\n- []\n",
        "spec:\n  ports:\n  - port: 80\n    targetPort: http\n    protocol: TCP\n  selector:\n    app: web\n",
    ];

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Read_Snippet_SameAsYamlDotNet(string text) => AssertSame(text, "snippet.yaml");

    [Fact]
    public void Read_EveryYamlFileOfTheRepository_SameAsYamlDotNet()
    {
        var root = RepositoryRoot();
        var files = new[] { "deploy", "src", "tests" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                        !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                        !f.Contains("node_modules", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);
        foreach (var file in files) AssertSame(File.ReadAllText(file), file);
    }

    [Fact]
    public void TryRead_GeneratedStyleManifest_IsReadByTheBlockReader()
    {
        const string text = "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web-1\n  namespace: shop\n  labels:\n    app: web\n    pod-template-hash: 7c9f\nspec:\n  containers:\n  - name: web\n    ports:\n    - name: http\n      containerPort: 8080\n      protocol: TCP\nstatus:\n  podIP: 10.64.0.5\n  conditions:\n  - type: Ready\n    status: \"True\"\n";
        Assert.NotNull(BlockYamlReader.TryRead(text, new Lazy<List<NodeDocument>>(() => [])));
        AssertSame(text, "generated.yaml");
    }

    [Fact]
    public void TryRead_GeneratedScaleCluster_IsReadByTheBlockReaderAsYamlDotNetReadsIt()
    {
        var cluster = PolicyDashboard.Core.Scenarios.ScaleScenario.Generate(new() { Pods = 400, Namespaces = 20, Policies = 120, Seed = 3 });
        var text = ModelToKube.ToYaml(cluster);

        Assert.NotNull(BlockYamlReader.TryRead(text, new Lazy<List<NodeDocument>>(() => [])));
        AssertSame(text, "scale.yaml");
    }

    private static void AssertSame(string text, string name)
    {
        var expected = Describe(ManifestReader.Read(text, name, allowBlockReader: false));
        var actual = Describe(ManifestReader.Read(text, name));
        Assert.True(expected == actual, $"{name}\n--- YamlDotNet:\n{expected}\n--- block reader:\n{actual}");
    }

    private static string Describe((List<SourceDocument> Documents, List<(SourcePosition Position, string Message)> Warnings, SourceSyntaxError? Error) read)
    {
        var sb = new StringBuilder();
        foreach (var doc in read.Documents)
        {
            sb.Append("doc at ").Append(doc.Start).Append(": ").AppendLine(doc.Root?.GetRawText() ?? "null");
            foreach (var (path, at) in doc.ShallowPositions.OrderBy(p => p.Key, StringComparer.Ordinal)) sb.Append("  '").Append(path).Append("' ").Append(at).AppendLine();
        }
        foreach (var (at, message) in read.Warnings) sb.Append("warning ").Append(at).Append(' ').AppendLine(message);
        if (read.Error is { } e) sb.Append("error ").Append(e.Position).Append(' ').AppendLine(e.Message);
        return sb.ToString();
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PolicyDashboard.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
