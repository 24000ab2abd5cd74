using System.Buffers;
using System.Text;

namespace PolicyDashboard.Web.Compose;

/// <summary>
/// Checks that bytes are UTF-8 as RFC 3629 defines it: no overlong forms, no encoded surrogates, nothing above
/// U+10FFFF, and no sequence cut short by the end of the input. The first offending byte is reported with its offset,
/// line and column (columns count UTF-16 characters, as the editor does).
/// </summary>
internal static class DraftEncoding
{
    public static (int Offset, int Line, int Column, string Reason)? FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        var line = 1;
        var column = 1;
        while (offset < utf8.Length)
        {
            var status = Rune.DecodeFromUtf8(utf8[offset..], out var rune, out var consumed);
            if (status != OperationStatus.Done)
                return (offset, line, column, status == OperationStatus.NeedMoreData
                    ? "the input ends inside a multi-byte character"
                    : "it does not start or continue a valid sequence");

            if (rune.Value == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column += rune.Utf16SequenceLength;
            }

            offset += consumed;
        }

        return null;
    }
}
