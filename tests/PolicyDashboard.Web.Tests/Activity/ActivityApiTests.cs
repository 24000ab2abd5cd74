using System.Net;
using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using PolicyDashboard.Web.Activity;
using PolicyDashboard.Web.Tests.Browser;

namespace PolicyDashboard.Web.Tests.Activity;

/// <summary>The activity export over real HTTP, after a policy change made in the demo cluster behind the dashboard's back.</summary>
public sealed class ActivityApiTests : IAsyncLifetime
{
    private DashboardApp _app = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = new DashboardApp();
        _http = new HttpClient { BaseAddress = _app.BaseAddress };
        await _app.Services.GetRequiredService<ActivityRecorder>().Ready.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = _app.Sandbox.BaseAddress.ToString() });
        await client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(new V1NetworkPolicy
        {
            Metadata = new V1ObjectMeta { Name = "allow-redis", NamespaceProperty = "default" },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["role"] = "db" } },
                Ingress = [new V1NetworkPolicyIngressRule { FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["k8s-app"] = "guestbook" } } }] }],
            },
        }, "default", fieldManager: "kubectl-create", cancellationToken: Ct);
        await _app.Services.GetRequiredService<IActivityFeed>().WaitForAsync(e => e.Any(x => x.Name == "allow-redis"));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Activity_Json_ListsTheChangeWithWhoWhenAndConnectivity()
    {
        using var response = await _http.GetAsync("api/v1/activity?format=json&namespace=default", Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(body.EnumerateArray(), e => e.GetProperty("name").GetString() == "allow-redis");
        Assert.Equal("created", entry.GetProperty("action").GetString());
        Assert.Equal("NetworkPolicy", entry.GetProperty("kind").GetString());
        Assert.Equal("kubectl-create", entry.GetProperty("who").GetString());
        Assert.Equal("fieldManager", entry.GetProperty("whoSource").GetString());
        Assert.True(entry.GetProperty("closed").GetInt32() > 0);
        Assert.Equal(0, entry.GetProperty("opened").GetInt32());
        Assert.NotEmpty(entry.GetProperty("pairs").EnumerateArray());
    }

    [Fact]
    public async Task Activity_Csv_HasTheHeaderAndOneRowPerEntry()
    {
        using var response = await _http.GetAsync("api/v1/activity?format=csv&action=created", Ct);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment; filename=\"activity.csv\"", response.Content.Headers.ContentDisposition!.ToString());
        Assert.Equal(string.Join(",", ActivityExport.CsvHeader), lines[0].TrimEnd('\r'));
        var row = Assert.Single(lines[1..], l => l.Contains(",allow-redis,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(["created", "NetworkPolicy", "default", "allow-redis", "kubectl-create"], row[2..7]);
    }

    [Fact]
    public async Task Activity_FilterMatchingNothing_EmptyList()
    {
        using var response = await _http.GetAsync("api/v1/activity?who=nobody-at-all", Ct);

        Assert.Equal("[]", await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("format=xml", "format")]
    [InlineData("action=renamed", "action")]
    [InlineData("kind=Pod", "kind")]
    [InlineData("from=yesterday", "from")]
    public async Task Activity_BadParameter_400NamingIt(string query, string parameter)
    {
        using var response = await _http.GetAsync("api/v1/activity?" + query, Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty(parameter, out _), body.ToString());
    }
}
