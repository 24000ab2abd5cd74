using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;

namespace PolicyDashboard.Kube.Cluster;

/// <summary>
/// Sends each impersonated group on its own <c>Impersonate-Group</c> header line.
/// https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation: "Impersonate-Group: A
/// group name to act as. Can be provided multiple times to set multiple groups." The API server reads every line as
/// one group and does not split values at commas (kubernetes/kubernetes#94683: "a, b" is a single group named
/// "a, b"). .NET's HttpClient, however, writes all values of one header name on a single comma-joined line, and
/// treats header names case-insensitively, so it cannot send the header twice.
/// <para>
/// So <see cref="KubeApi"/> gives every group its own marker header (<see cref="MarkerPrefix"/>0, 1, …), and this
/// filter, installed on the client's HTTP/1.1 connections, renames the marker lines to <c>Impersonate-Group</c> in
/// each request's header block on the way out. Impersonated requests are sent as HTTP/1.1 exactly. Should the filter
/// ever be missing, the markers reach the server as unknown headers and the request carries fewer groups, never more.
/// </para>
/// </summary>
public static class ImpersonationGroupLines
{
    public const string MarkerPrefix = "X-PolicyDashboard-Impersonate-Group-";

    private static readonly ConditionalWeakTable<k8s.Kubernetes, object> Clients = [];

    /// <summary>
    /// Creates the client with the filter installed on its HTTP handler (through the configuration's
    /// FirstMessageHandlerSetup, which runs while the client is built, before any request).
    /// </summary>
    public static k8s.Kubernetes CreateClient(k8s.KubernetesClientConfiguration config)
    {
        var installed = false;
        var previous = config.FirstMessageHandlerSetup;
        config.FirstMessageHandlerSetup = handler =>
        {
            previous?.Invoke(handler);
            Install(handler);
            installed = true;
        };
        var client = new k8s.Kubernetes(config);
        if (installed) Clients.AddOrUpdate(client, new object());
        return client;
    }

    /// <summary>Whether <paramref name="client"/> was built by <see cref="CreateClient"/> (so it can send several groups).</summary>
    public static bool IsInstalled(k8s.Kubernetes client) => Clients.TryGetValue(client, out _);

    private static void Install(SocketsHttpHandler handler)
    {
        var inner = handler.PlaintextStreamFilter;
        handler.PlaintextStreamFilter = async (context, cancellationToken) =>
        {
            var stream = inner is null ? context.PlaintextStream : await inner(context, cancellationToken).ConfigureAwait(false);
            // HTTP/2 frames are binary and HPACK-encoded: only HTTP/1.x text headers are rewritten.
            return context.NegotiatedHttpVersion.Major == 1 ? new GroupLineStream(stream) : stream;
        };
    }

    /// <summary>The header block with marker lines renamed; also the body length that follows it (-1: chunked).</summary>
    internal static (byte[] Block, long BodyLength) Rewrite(ReadOnlySpan<byte> block)
    {
        var text = Encoding.Latin1.GetString(block);
        var lines = text.Split("\r\n");
        long length = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            var name = line[..colon];
            if (name.StartsWith(MarkerPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > MarkerPrefix.Length
                && name.AsSpan(MarkerPrefix.Length).IndexOfAnyExceptInRange('0', '9') < 0)
                lines[i] = "Impersonate-Group" + line[colon..];
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && long.TryParse(line[(colon + 1)..].Trim(), out var n))
                length = n;
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && line[(colon + 1)..].Contains("chunked", StringComparison.OrdinalIgnoreCase))
                length = -1;
        }
        return (Encoding.Latin1.GetBytes(string.Join("\r\n", lines)), length);
    }

    /// <summary>
    /// Follows the requests written on one HTTP/1.x connection: a header block (up to the blank line) is rewritten,
    /// then Content-Length body bytes pass unchanged, then the next request's header block. A chunked body (never sent
    /// by the dashboard) ends the rewriting for the rest of that connection.
    /// </summary>
    private sealed class GroupLineStream(Stream inner) : Stream
    {
        private const int MaxHeaderBlock = 1 << 20;
        private readonly MemoryStream _header = new();
        private long _bodyRemaining;
        private bool _untracked;

        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => false;
        public override bool CanWrite => inner.CanWrite;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => inner.Read(buffer);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            foreach (var part in Process(buffer.ToArray())) inner.Write(part.Span);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            foreach (var part in Process(buffer.ToArray())) await inner.WriteAsync(part, cancellationToken).ConfigureAwait(false);
        }

        private List<ReadOnlyMemory<byte>> Process(byte[] data)
        {
            var output = new List<ReadOnlyMemory<byte>>();
            var position = 0;
            while (position < data.Length)
            {
                if (_untracked)
                {
                    output.Add(data.AsMemory(position));
                    break;
                }
                if (_bodyRemaining > 0)
                {
                    var n = (int)Math.Min(_bodyRemaining, data.Length - position);
                    output.Add(data.AsMemory(position, n));
                    _bodyRemaining -= n;
                    position += n;
                    continue;
                }
                var end = HeaderEnd(data, position);
                if (end < 0)
                {
                    _header.Write(data, position, data.Length - position);
                    if (_header.Length > MaxHeaderBlock)
                    {
                        output.Add(_header.ToArray());
                        _header.SetLength(0);
                        _untracked = true;
                    }
                    break;
                }
                _header.Write(data, position, end - position);
                var (block, length) = Rewrite(_header.ToArray());
                _header.SetLength(0);
                output.Add(block);
                if (length < 0) _untracked = true;
                else _bodyRemaining = length;
                position = end;
            }
            return output;
        }

        /// <summary>The index just past "\r\n\r\n" in the buffered header plus <paramref name="data"/>, or -1.</summary>
        private int HeaderEnd(byte[] data, int start)
        {
            // The terminator may straddle writes: look at the last three buffered bytes too.
            var tail = _header.Length >= 3 ? _header.GetBuffer().AsSpan((int)_header.Length - 3, 3).ToArray() : _header.ToArray();
            for (var i = start; i < data.Length; i++)
            {
                if (data[i] != (byte)'\n') continue;
                byte At(int k) => k >= start ? data[k] : (tail.Length + (k - start) >= 0 ? tail[tail.Length + (k - start)] : (byte)0);
                if (At(i - 1) == '\r' && At(i - 2) == '\n' && At(i - 3) == '\r') return i + 1;
            }
            return -1;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        public override ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
