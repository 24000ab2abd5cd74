using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PolicyDashboard.Cli.Output;

/// <summary>JSON output conventions: camelCase members, indented, no HTML escaping of '&lt;', '&gt;', '&amp;' or "'".</summary>
public static class Json
{
    /// <summary>Writers flush to the output every this many buffered bytes, so a matrix of every pair is never held whole.</summary>
    public const int FlushThreshold = 1 << 16;

    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter writer, JsonNode node) =>
        writer.WriteLine(node.ToJsonString(Options));

    /// <summary>Streams a document to <paramref name="writer"/>; the callback may call <c>Flush</c> to pass text on early.</summary>
    public static void Stream(TextWriter writer, Action<Utf8JsonWriter> write)
    {
        using (var stream = new TextWriterStream(writer))
        using (var json = new Utf8JsonWriter(stream, WriterOptions))
            write(json);
        writer.WriteLine();
    }

    /// <summary>A write-only stream that decodes UTF-8 into a <see cref="TextWriter"/> (stdout or a test's StringWriter).</summary>
    private sealed class TextWriterStream(TextWriter writer) : Stream
    {
        private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
        private char[] _chars = new char[4096];

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => writer.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var needed = _decoder.GetCharCount(buffer, flush: false);
            if (needed > _chars.Length) _chars = new char[needed];
            var written = _decoder.GetChars(buffer, _chars, flush: false);
            writer.Write(_chars, 0, written);
        }
    }
}
