namespace PolicyDashboard.Core.Selectors;

internal enum TokenKind
{
    End, Identifier, Comma, OpenParen, ClosedParen, Bang, Equals, DoubleEquals, NotEquals, GreaterThan, LessThan, In, NotIn,
}

internal readonly record struct Token(TokenKind Kind, string Text, int Position);

/// <summary>
/// The tokens of apimachinery's selector lexer: whitespace (space, tab, CR, LF) separates; the special symbols
/// <c>= ! ( ) , &gt; &lt;</c> form the longest known operator (<c>==</c>, <c>!=</c>); any other run of characters is an
/// identifier, or the keyword <c>in</c>/<c>notin</c>.
/// </summary>
internal static class SelectorLexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && IsWhitespace(text[i])) i++;
            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", text.Length));
                return tokens;
            }
            var start = i;
            var c = text[i];
            if (IsSpecial(c))
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                (TokenKind kind, int length) = two switch
                {
                    "==" => (TokenKind.DoubleEquals, 2),
                    "!=" => (TokenKind.NotEquals, 2),
                    _ => (c switch
                    {
                        '=' => TokenKind.Equals,
                        '!' => TokenKind.Bang,
                        '(' => TokenKind.OpenParen,
                        ')' => TokenKind.ClosedParen,
                        ',' => TokenKind.Comma,
                        '>' => TokenKind.GreaterThan,
                        _ => TokenKind.LessThan,
                    }, 1),
                };
                i += length;
                tokens.Add(new Token(kind, text.Substring(start, length), start));
                continue;
            }
            while (i < text.Length && !IsSpecial(text[i]) && !IsWhitespace(text[i])) i++;
            var word = text[start..i];
            var wordKind = word switch { "in" => TokenKind.In, "notin" => TokenKind.NotIn, _ => TokenKind.Identifier };
            tokens.Add(new Token(wordKind, word, start));
        }
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';
    private static bool IsSpecial(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';
}
