using System.Globalization;

namespace PolicyDashboard.Kube.Manifests;

/// <summary>
/// The characters a YAML stream may hold (YAML 1.2, 5.1 "c-printable"): tab, line feed, carriage return, the
/// printable ASCII range, NEL, and Unicode from U+00A0 except surrogates and U+FFFE/U+FFFF. Everything else — NUL and
/// the other C0 controls, DEL, the C1 controls, unpaired surrogates — is refused, at its line and column.
/// </summary>
internal static class SourceCharacters
{
    public static (SourcePosition Position, string Message)? FirstDisallowed(string text)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (Allowed(c)) continue;
            var what = char.IsSurrogate(c) ? "unpaired surrogate" : "control character";
            var code = ((int)c).ToString("X4", CultureInfo.InvariantCulture);
            return (new SourcePosition(line, i - lineStart + 1), $"{what} U+{code} is not allowed in YAML");
        }

        return null;
    }

    private static bool Allowed(char c) =>
        c is '\t' or '\r' or (>= '\x20' and <= '\x7E') or '\x85' or (>= '\xA0' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD');
}
