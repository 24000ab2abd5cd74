using System.Text.Json;

namespace PolicyDashboard.Cli.Tests.Commands;

public sealed class GenerateTests
{
    private static readonly string[] Small = ["generate", "--namespaces", "4", "--pods", "40", "--policies", "12", "--seed", "42"];

    [Fact]
    public void Generate_SameSeed_WritesTheSameBytes()
    {
        using var dir = new TempDir();
        var first = CliRun.InProcess([.. Small, "--output", dir.File("a.yaml")]);
        var second = CliRun.InProcess([.. Small, "--output", dir.File("b.yaml")]);
        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        var a = File.ReadAllBytes(dir.File("a.yaml"));
        Assert.NotEmpty(a);
        Assert.Equal(a, File.ReadAllBytes(dir.File("b.yaml")));
        // Standard output carries the same manifest.
        Assert.Equal(File.ReadAllText(dir.File("a.yaml")), CliRun.InProcess(Small).Stdout);
    }

    [Fact]
    public void Generate_OtherSeed_WritesAnotherCluster()
    {
        var a = CliRun.InProcess(Small).Stdout;
        var b = CliRun.InProcess([.. Small[..^1], "43"]).Stdout;
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Generate_Output_LoadsBackWithTheRequestedSizes()
    {
        using var dir = new TempDir();
        var file = dir.File("scale.yaml");
        Assert.Equal(ExitCodes.Ok, CliRun.InProcess([.. Small, "-o", file]).ExitCode);

        var run = CliRun.InProcess("analyze", "-m", file, "-o", "summary");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Stderr);
        Assert.DoesNotContain("error", run.Stderr, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(run.Stdout);
        // Every Pod document of the manifest is in the matrix (the scenario adds cluster pods such as DNS to the 40).
        var podDocuments = File.ReadLines(file).Count(l => l == "kind: Pod");
        Assert.InRange(podDocuments, 40, 60);
        Assert.Equal(podDocuments, doc.RootElement.GetProperty("pods").GetInt32());
        Assert.NotEmpty(doc.RootElement.GetProperty("ports").EnumerateArray());

        var lint = CliRun.InProcess("lint", "-m", file, "-o", "json");
        using var findings = JsonDocument.Parse(lint.Stdout);
        Assert.DoesNotContain(findings.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "PD001");
    }

    [Fact]
    public void Generate_GeneratedCluster_BothEnginesGiveTheSameMatrix()
    {
        using var dir = new TempDir();
        var file = dir.File("scale.yaml");
        Assert.Equal(ExitCodes.Ok, CliRun.InProcess([.. Small, "-o", file]).ExitCode);
        var fast = CliRun.InProcess("analyze", "-m", file, "-o", "csv", "--engine", "fast");
        var reference = CliRun.InProcess("analyze", "-m", file, "-o", "csv", "--engine", "reference");
        Assert.Equal(ExitCodes.Ok, fast.ExitCode);
        Assert.True(fast.Stdout.Split('\n').Length > 40 * 39, "every pair of every port");
        Assert.Equal(reference.Stdout, fast.Stdout);
        Assert.Contains(",false,", fast.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_InvalidSizes_ExitsTwoNamingTheOptions()
    {
        var run = CliRun.InProcess("generate", "--namespaces", "0", "--pods", "-5");
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("--namespaces must be at least 1", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--pods must not be negative", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task Process_Generate_IsDeterministicAcrossProcesses()
    {
        var first = await CliRun.AsProcessAsync(Small);
        var second = await CliRun.AsProcessAsync(Small);
        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Equal(CliRun.InProcess(Small).Stdout, first.Stdout);
    }
}
