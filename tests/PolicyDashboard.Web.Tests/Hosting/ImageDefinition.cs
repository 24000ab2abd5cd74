using System.Text.Json;
using System.Text.RegularExpressions;

namespace PolicyDashboard.Web.Tests.Hosting;

/// <summary>
/// What the repository's Dockerfile says about the image, read from the file itself so the tests that run the
/// published app cannot drift from it: the build stage's <c>dotnet publish</c>, and the final stage's ENV, WORKDIR,
/// EXPOSE and ENTRYPOINT.
/// </summary>
internal sealed partial record ImageDefinition(
    IReadOnlyList<string> PublishArguments,
    string PublishOutput,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory,
    IReadOnlyList<string> ExposedPorts,
    IReadOnlyList<string> Entrypoint)
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static ImageDefinition Load() => Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "Dockerfile")));

    public static ImageDefinition Parse(string dockerfile)
    {
        var instructions = Instructions(dockerfile);
        var lastFrom = instructions.FindLastIndex(i => i.Keyword == "FROM");
        var final = instructions.Skip(lastFrom + 1).ToList();

        var publish = instructions.Take(lastFrom).Where(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet publish ", StringComparison.Ordinal)).ToList();
        if (publish.Count != 1) throw new InvalidOperationException($"expected one 'RUN dotnet publish' before the final stage, found {publish.Count}");
        var arguments = publish[0].Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        var output = arguments.IndexOf("-o");
        if (output < 0 || output == arguments.Count - 1) throw new InvalidOperationException("the publish step names no output folder (-o)");

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var env in final.Where(i => i.Keyword == "ENV"))
            foreach (Match m in EnvPair().Matches(env.Arguments))
                environment[m.Groups["key"].Value] = m.Groups["value"].Value.Trim('"');

        var entrypoint = final.LastOrDefault(i => i.Keyword == "ENTRYPOINT")?.Arguments
                         ?? throw new InvalidOperationException("the final stage has no ENTRYPOINT");
        return new ImageDefinition(
            arguments,
            arguments[output + 1],
            environment,
            final.LastOrDefault(i => i.Keyword == "WORKDIR")?.Arguments ?? "/",
            final.Where(i => i.Keyword == "EXPOSE").SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList(),
            JsonSerializer.Deserialize<string[]>(entrypoint) ?? []);
    }

    /// <summary>The publish arguments with the image's output folder replaced by <paramref name="output"/>.</summary>
    public IReadOnlyList<string> PublishArgumentsTo(string output) =>
        PublishArguments.Select(a => a == PublishOutput ? output : a).Prepend("publish").ToList();

    private sealed record Instruction(string Keyword, string Arguments);

    private static List<Instruction> Instructions(string dockerfile)
    {
        var joined = Regex.Replace(dockerfile, @"\\\r?\n", " ");
        return joined.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2))
            .Select(p => new Instruction(p[0].ToUpperInvariant(), p.Length > 1 ? Regex.Replace(p[1].Trim(), @"\s+", " ") : ""))
            .ToList();
    }

    [GeneratedRegex("(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?<value>\"[^\"]*\"|\\S*)")]
    private static partial Regex EnvPair();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Dockerfile")) && File.Exists(Path.Combine(dir.FullName, "PolicyDashboard.sln")))
                return dir.FullName;
        throw new InvalidOperationException("no Dockerfile next to PolicyDashboard.sln above " + AppContext.BaseDirectory);
    }
}
