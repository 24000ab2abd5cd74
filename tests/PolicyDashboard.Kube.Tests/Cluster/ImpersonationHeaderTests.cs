using System.Net;
using System.Net.Sockets;
using System.Text;
using PolicyDashboard.Kube.Cluster;

namespace PolicyDashboard.Kube.Tests.Cluster;

/// <summary>
/// What goes on the wire for an impersonated request: Impersonate-User once, one Impersonate-Group line per group
/// (the API server does not split comma-joined values), no marker headers, and the body untouched — also for a
/// second request on the same kept-alive connection.
/// </summary>
public sealed class ImpersonationHeaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A one-connection HTTP/1.1 server that records each raw request (headers and body) and answers {}.</summary>
    private static async Task<List<(string Head, string Body)>> ServeAsync(TcpListener listener, int requests)
    {
        var seen = new List<(string, string)>();
        using var socket = await listener.AcceptSocketAsync(Ct);
        await using var stream = new NetworkStream(socket);
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        for (var r = 0; r < requests; r++)
        {
            int end;
            while ((end = IndexOf(buffer, "\r\n\r\n"u8.ToArray())) < 0)
                buffer.AddRange(chunk.AsSpan(0, await stream.ReadAsync(chunk, Ct)).ToArray());
            var head = Encoding.Latin1.GetString(buffer.GetRange(0, end).ToArray());
            buffer.RemoveRange(0, end + 4);
            var lengthLine = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
            var length = lengthLine is null ? 0 : int.Parse(lengthLine.Split(':')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            while (buffer.Count < length)
                buffer.AddRange(chunk.AsSpan(0, await stream.ReadAsync(chunk, Ct)).ToArray());
            var body = Encoding.UTF8.GetString(buffer.GetRange(0, length).ToArray());
            buffer.RemoveRange(0, length);
            seen.Add((head, body));
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"u8.ToArray(), Ct);
        }
        return seen;
    }

    private static int IndexOf(List<byte> data, byte[] pattern)
    {
        for (var i = 0; i + pattern.Length <= data.Count; i++)
            if (pattern.AsSpan().SequenceEqual(data.GetRange(i, pattern.Length).ToArray())) return i;
        return -1;
    }

    private static string[] Lines(string head, string name) =>
        head.Split("\r\n").Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)).Select(l => l[(name.Length + 1)..].Trim()).ToArray();

    [Fact]
    public async Task Send_SeveralGroups_OneHeaderLinePerGroupOnEveryRequestOfTheConnection()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var server = ServeAsync(listener, 2);
            using var client = KubernetesClientFactory.ForBaseUrl(new Uri($"http://127.0.0.1:{port}/"));
            var api = new KubeApi(client);
            var identity = new RequestIdentity("alice@example.com", ["team-a", "net, admins", "team-b"]);
            const string body = "{\"kind\":\"X\",\"note\":\"X-PolicyDashboard-Impersonate-Group-0: not a header\\r\\n\\r\\n\"}";

            using (var first = await api.SendAsync(HttpMethod.Post, "apis/x", new StringContent(body, Encoding.UTF8), identity, streaming: false, Ct))
                Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            using (var second = await api.SendAsync(HttpMethod.Get, "apis/y", null, identity with { Groups = ["solo"] }, streaming: false, Ct))
                Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            var seen = await server;

            Assert.Equal(["alice@example.com"], Lines(seen[0].Head, "Impersonate-User"));
            Assert.Equal(["team-a", "net, admins", "team-b"], Lines(seen[0].Head, "Impersonate-Group"));
            Assert.DoesNotContain("X-PolicyDashboard", seen[0].Head, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(body, seen[0].Body);
            Assert.Equal(["solo"], Lines(seen[1].Head, "Impersonate-Group"));
            Assert.DoesNotContain("X-PolicyDashboard", seen[1].Head, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Send_WithoutIdentity_CarriesNoImpersonationHeaders()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var server = ServeAsync(listener, 1);
            using var client = KubernetesClientFactory.ForBaseUrl(new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/"));

            using (await new KubeApi(client).SendAsync(HttpMethod.Get, "api", null, null, streaming: false, Ct)) { }
            var head = (await server)[0].Head;

            Assert.DoesNotContain("Impersonate", head, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Theory]
    [InlineData("", "g")]
    [InlineData("bad\r\nImpersonate-Group: system:masters", "g")]
    [InlineData("alice", "g\nx")]
    [InlineData("alice", "")]
    public async Task Send_UnsafeIdentity_IsRefusedBeforeSending(string user, string group)
    {
        using var client = KubernetesClientFactory.ForBaseUrl(new Uri("http://127.0.0.1:1/"));

        await Assert.ThrowsAsync<ArgumentException>(() =>
            new KubeApi(client).SendAsync(HttpMethod.Get, "api", null, new RequestIdentity(user, [group]), streaming: false, Ct));
    }

    [Fact]
    public async Task Send_GroupsWithAClientBuiltElsewhere_IsRefused()
    {
        using var client = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1:1/" });

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new KubeApi(client).SendAsync(HttpMethod.Get, "api", null, new RequestIdentity("alice", ["g"]), streaming: false, Ct));
    }
}
