using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace PolicyDashboard.Sandbox.Tests;

/// <summary>Starts a sandbox per test class instance and gives a stock KubernetesClient pointed at it.</summary>
public abstract class SandboxTestBase : IAsyncLifetime
{
    protected SandboxServer Server { get; private set; } = null!;
    protected Kubernetes Client { get; private set; } = null!;
    protected HttpClient Http { get; private set; } = null!;

    protected virtual SandboxOptions Options => new() { Scenario = "demo" };

    protected static CancellationToken Timeout(int seconds = 20) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    public virtual async ValueTask InitializeAsync()
    {
        Server = await SandboxServer.StartAsync(Options, TestContext.Current.CancellationToken);
        Client = NewClient();
        Http = new HttpClient { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    protected Kubernetes NewClient() => new(new KubernetesClientConfiguration { Host = Server.BaseAddress.ToString() });

    public virtual async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Http.Dispose();
        await Server.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs a call that must fail and returns the HTTP status and the Status body the server sent.</summary>
    protected static async Task<(HttpStatusCode Code, JsonObject Status)> FailureOf(Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<HttpOperationException>(call);
        var body = JsonNode.Parse(ex.Response.Content)!.AsObject();
        return (ex.Response.StatusCode, body);
    }

    protected static V1NetworkPolicy Policy(string name, string ns = "default", string role = "db", string from = "guestbook") => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["role"] = role } },
            Ingress =
            [
                new V1NetworkPolicyIngressRule
                {
                    FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["k8s-app"] = from } } }],
                },
            ],
        },
    };

    protected static V1Patch Apply(object obj) => new(KubernetesJson.Serialize(obj), V1Patch.PatchType.ApplyPatch);

    protected async Task<string> CurrentResourceVersionAsync() =>
        (await Client.CoreV1.ListNamespaceAsync(cancellationToken: Timeout())).Metadata.ResourceVersion;

    /// <summary>
    /// Whether a watch ended: KubernetesClient reports a stream that closes before its first line as an
    /// EndOfStreamException (the apiserver closes a quiet watch the same way) and one that closes later as the end of
    /// the enumeration.
    /// </summary>
    protected static async Task<bool> EndedAsync(Task<bool> next)
    {
        try
        {
            return !await next;
        }
        catch (HttpRequestException ex) when (ex.InnerException is EndOfStreamException)
        {
            return true;
        }
    }

    protected static string Text(JsonNode? node) => node?.GetValue<string>() ?? "";

    protected static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
