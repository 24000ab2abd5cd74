using System.Text.Json;
using PolicyDashboard.Cli.Analysis;
using PolicyDashboard.Cli.Input;
using PolicyDashboard.Cli.Output;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Cli.Tests.Output;

public sealed class MatrixWriterTests
{
    /// <summary>A matrix given by a predicate; AllowedPairs is counted from it over distinct pairs.</summary>
    private sealed class PredicateMatrix(PortSpec port, int pods, int serving, Func<int, int, bool> allowed) : IPortMatrix
    {
        public PortSpec Port => port;
        public int ServingPods => serving;
        public long AllowedPairs { get; } = Enumerable.Range(0, pods).Sum(s => Enumerable.Range(0, pods).LongCount(d => s != d && allowed(s, d)));
        public PairVerdict Get(int source, int destination) =>
            new(allowed(source, destination), allowed(source, destination), true, source == destination);
    }

    // Three pods: two of workload "web" in ns a, one "db" in ns b; on 80/TCP nothing may reach the db pod.
    private static readonly MatrixPod[] Pods =
    [
        new("a", "web-1", "Deployment/web"),
        new("a", "web-2", "Deployment/web"),
        new("b", "db-0", "StatefulSet/db"),
    ];

    private static MatrixResult Sample() => new(Pods,
    [
        new PredicateMatrix(new PortSpec(80, Protocol.TCP), 3, 2, (_, d) => d != 2),
        new PredicateMatrix(new PortSpec(53, Protocol.UDP), 3, 0, (_, _) => true),
    ]);

    private static string Render(MatrixResult matrix, string format)
    {
        using var writer = new StringWriter();
        MatrixWriter.Write(writer, matrix, format);
        return writer.ToString();
    }

    [Fact]
    public void Summary_CountsDistinctOrderedPairsPerPort()
    {
        using var doc = JsonDocument.Parse(Render(Sample(), OutputFormats.Summary));
        Assert.Equal(3, doc.RootElement.GetProperty("pods").GetInt32());
        var ports = doc.RootElement.GetProperty("ports").EnumerateArray().ToArray();
        Assert.Equal(2, ports.Length);
        // 80/TCP: 6 ordered pairs of distinct pods; the 2 pairs into db-0 are denied.
        Assert.Equal(80, ports[0].GetProperty("port").GetInt32());
        Assert.Equal("TCP", ports[0].GetProperty("protocol").GetString());
        Assert.Equal(3, ports[0].GetProperty("pods").GetInt32());
        Assert.Equal(2, ports[0].GetProperty("servingPods").GetInt32());
        Assert.Equal(6, ports[0].GetProperty("totalPairs").GetInt64());
        Assert.Equal(4, ports[0].GetProperty("allowedPairs").GetInt64());
        Assert.Equal(2, ports[0].GetProperty("deniedPairs").GetInt64());
        Assert.Equal(6, ports[1].GetProperty("allowedPairs").GetInt64());
    }

    [Fact]
    public void Json_ListsEveryDistinctPairWithVerdicts()
    {
        using var doc = JsonDocument.Parse(Render(Sample(), OutputFormats.Json));
        var port80 = doc.RootElement.GetProperty("ports")[0];
        var pairs = port80.GetProperty("pairs").EnumerateArray()
            .Select(p => (From: p.GetProperty("from").GetString(), To: p.GetProperty("to").GetString(), Allowed: p.GetProperty("allowed").GetBoolean()))
            .ToArray();
        Assert.Equal(6, pairs.Length);
        Assert.DoesNotContain(pairs, p => p.From == p.To);
        Assert.Equal(["a/web-1", "a/web-2"], pairs.Where(p => p.To == "b/db-0").Select(p => p.From).Order());
        Assert.All(pairs, p => Assert.Equal(p.To != "b/db-0", p.Allowed));
        Assert.Equal(3, doc.RootElement.GetProperty("pods").GetArrayLength());
    }

    [Fact]
    public void Csv_HasHeaderAndOneRowPerPairAndPort()
    {
        var lines = Render(Sample(), OutputFormats.Csv).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("port,protocol,from,to,allowed,ingressAllowed,egressAllowed,loopback", lines[0]);
        Assert.Equal(1 + 6 + 6, lines.Length);
        Assert.Contains("80,TCP,a/web-1,b/db-0,false,false,true,false", lines);
        Assert.Contains("53,UDP,b/db-0,a/web-2,true,true,true,false", lines);
    }

    [Fact]
    public void Table_GroupsByNamespaceAndWorkload()
    {
        var text = Render(Sample(), OutputFormats.Table);
        Assert.Contains("80/TCP: 4 of 6 ordered pod pairs allowed", text, StringComparison.Ordinal);
        var rows = text.Split('\n')
            .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .ToArray();
        // web -> web: the two web pods reach each other (2 ordered pairs); web -> db: both denied; db -> web: both allowed.
        Assert.Contains("a/Deployment/web a/Deployment/web all 2/2", rows);
        Assert.Contains("a/Deployment/web b/StatefulSet/db none 0/2", rows);
        Assert.Contains("b/StatefulSet/db a/Deployment/web all 2/2", rows);
        // db -> db has no pair of distinct pods and is left out.
        Assert.DoesNotContain(rows, r => r.StartsWith("b/StatefulSet/db b/StatefulSet/db", StringComparison.Ordinal));
    }
}
