using System.Text;

namespace PolicyDashboard.Web.Compose;

/// <summary>
/// Bytes of an imported file as draft text: UTF-8 (a byte-order mark is dropped). Anything that is not UTF-8 is
/// refused with the offset of the first bad byte rather than decoded into replacement characters.
/// </summary>
public static class DraftText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Decode(ReadOnlySpan<byte> bytes, out string? error)
    {
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        try
        {
            error = null;
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            error = $"the file is not UTF-8 text (invalid byte at offset {ex.Index})";
            return null;
        }
    }
}
