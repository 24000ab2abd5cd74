using System.Net;
using System.Text.Json;
using k8s;
using k8s.Models;
using PolicyDashboard.Web.Analysis;
using PolicyDashboard.Web.Tests.Browser;
using Microsoft.Extensions.DependencyInjection;

namespace PolicyDashboard.Web.Tests.Api;

/// <summary>The read-only HTTP API over the demo cluster, through real HTTP.</summary>
public sealed class ApiTests : IAsyncLifetime
{
    private DashboardApp _app = null!;
    private HttpClient _http = null!;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public async ValueTask InitializeAsync()
    {
        _app = new DashboardApp();
        _http = new HttpClient { BaseAddress = _app.BaseAddress };
        await WaitForAsync(r => r.Snapshot.Pods.Count > 0);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private Task WaitForAsync(Func<AnalysisResult, bool> condition) => _app.WaitForAnalysisAsync(condition, Wait);

    private async Task ApplyAllowRedisAsync()
    {
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = _app.Sandbox.BaseAddress.ToString() });
        await client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(new V1NetworkPolicy
        {
            Metadata = new V1ObjectMeta { Name = "allow-redis", NamespaceProperty = "default" },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["role"] = "db" } },
                Ingress = [new V1NetworkPolicyIngressRule { FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["k8s-app"] = "guestbook" } } }] }],
            },
        }, "default", cancellationToken: TestContext.Current.CancellationToken);
        await WaitForAsync(r => r.Snapshot.NetworkPolicies.Keys.Any(k => k.Name == "allow-redis"));
    }

    private string PodNamed(string prefix) =>
        _app.Services.GetRequiredService<IReachabilityAnalysis>().Current.Snapshot.Pods.Values
            .Where(p => p.Namespace == "default" && p.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(p => $"default/{p.Name}").Order(StringComparer.Ordinal).First();

    private async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await _http.GetAsync(url, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Reachability_SeedAllowRedisApplied_NginxDeniedToServiceFrontendAllowed()
    {
        var nginx = PodNamed("nginx-");
        var frontend = PodNamed("frontend-");
        var before = await GetJsonAsync($"api/v1/reachability?from={nginx}&to=service:default/redis-master&port=6379");
        Assert.True(before.GetProperty("allowed").GetBoolean());

        await ApplyAllowRedisAsync();

        var denied = await GetJsonAsync($"api/v1/reachability?from={nginx}&to=service:default/redis-master&port=6379");
        Assert.False(denied.GetProperty("allowed").GetBoolean());
        var verdict = denied.GetProperty("verdicts")[0];
        Assert.Equal(6379, verdict.GetProperty("port").GetInt32());
        Assert.Contains("allow-redis", verdict.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        var allowed = await GetJsonAsync($"api/v1/reachability?from={frontend}&to=service:default/redis-master&port=redis");
        Assert.True(allowed.GetProperty("allowed").GetBoolean());
    }

    [Theory]
    [InlineData("api/v1/reachability?from=default&to=ip:8.8.8.8&port=80", "from")]
    [InlineData("api/v1/reachability?from=ip:10.0.0.1&to=ip:nope&port=80", "to")]
    [InlineData("api/v1/reachability?from=ip:10.0.0.1&to=ip:8.8.8.8&port=70000", "port")]
    [InlineData("api/v1/reachability?from=ip:10.0.0.1&to=ip:8.8.8.8&port=80&protocol=ICMP", "protocol")]
    [InlineData("api/v1/reachability?from=service:default/redis-master&to=ip:8.8.8.8&port=80", "from")]
    [InlineData("api/v1/matrix?port=http", "port")]
    [InlineData("api/v1/matrix?view=sideways", "view")]
    [InlineData("api/v1/matrix?format=xml", "format")]
    [InlineData("api/v1/findings?severity=fatal", "severity")]
    public async Task Api_BadParameter_400NamingIt(string url, string parameter)
    {
        var problem = await GetJsonAsync(url, HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out var messages), errors.ToString());
        Assert.NotEmpty(messages[0].GetString()!);
    }

    [Fact]
    public async Task Matrix_Csv_OneRowPerCellWithCountsAndTheCurrentFilter()
    {
        await ApplyAllowRedisAsync();
        using var response = await _http.GetAsync("api/v1/matrix?from=default&to=default&port=6379&format=csv", TestContext.Current.CancellationToken);
        var csv = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("source,source_kind,destination,destination_kind,state,pod_pairs,allowed_every_port,allowed_some_port", lines[0].TrimEnd('\r'));
        Assert.Contains("wl:default/Deployment/nginx,Workload,wl:default/Deployment/redis-master,Workload,none,2,0,0", csv, StringComparison.Ordinal);
        Assert.Contains("wl:default/Deployment/frontend,Workload,wl:default/Deployment/redis-master,Workload,all,3,3,3", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Matrix_Json_HasQueryHeadersAndCells()
    {
        var matrix = await GetJsonAsync("api/v1/matrix?view=ingress");

        Assert.Equal("ingress", matrix.GetProperty("query").GetProperty("view").GetString());
        var rows = matrix.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Contains("ns:default", rows);
        Assert.Contains("ingress-controller", rows);
        Assert.Equal(rows.Count * matrix.GetProperty("columns").GetArrayLength(), matrix.GetProperty("cells").GetArrayLength());
    }

    [Fact]
    public async Task Findings_CsvFilteredByNamespace_OnlyThatNamespace()
    {
        using var response = await _http.GetAsync("api/v1/findings?format=csv&namespace=default", TestContext.Current.CancellationToken);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();

        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Equal("default", l.Split(',')[2]));
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheFourOperations()
    {
        var document = await GetJsonAsync("api/v1/openapi.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["/api/v1/activity", "/api/v1/findings", "/api/v1/matrix", "/api/v1/reachability"], paths.Order(StringComparer.Ordinal));
        var parameters = document.GetProperty("paths").GetProperty("/api/v1/reachability").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Equal(["from", "port", "protocol", "to"], parameters.Order(StringComparer.Ordinal));
    }
}
