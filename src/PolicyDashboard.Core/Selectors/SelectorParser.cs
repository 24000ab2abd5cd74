using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Selectors;

/// <summary>
/// Parses kubectl / list-query selector strings with the grammar of k8s.io/apimachinery/pkg/labels Parse:
/// <code>
/// selector    ::= requirement ("," requirement)*  |  ""
/// requirement ::= ["!"] KEY [ ("in" | "notin") "(" VALUE ("," VALUE)* ")" | ("=" | "==" | "!=" | ">" | "&lt;") VALUE ]
/// </code>
/// A bare KEY means Exists, <c>!KEY</c> DoesNotExist; <c>=</c>/<c>==</c> land in matchLabels (or an In expression when
/// the key repeats), <c>!=</c> is NotIn with one value, <c>&gt;</c>/<c>&lt;</c> are Gt/Lt. Empty values are allowed
/// (<c>x=</c>, <c>x in ()</c>, <c>x in (a,)</c>). Keys and values are checked with the label syntax rules.
/// </summary>
public static class SelectorParser
{
    public static SelectorParseResult Parse(string? text)
    {
        var tokens = SelectorLexer.Tokenize(text ?? "");
        var state = new State(tokens);
        var matchLabels = new Dictionary<string, string>(StringComparer.Ordinal);
        var expressions = ImmutableArray.CreateBuilder<LabelSelectorRequirement>();

        while (true)
        {
            var first = state.Peek(valueContext: true);
            if (first.Kind == TokenKind.End) break;
            if (first.Kind is not (TokenKind.Identifier or TokenKind.Bang))
                return Fail(first, "expected: !, identifier, or 'end of string'");

            var error = ParseRequirement(state, matchLabels, expressions);
            if (error is not null) return error;

            var separator = state.Next(valueContext: true);
            if (separator.Kind == TokenKind.End) break;
            if (separator.Kind != TokenKind.Comma) return Fail(separator, "expected: ',' or 'end of string'");
            var afterComma = state.Peek(valueContext: true);
            if (afterComma.Kind is not (TokenKind.Identifier or TokenKind.Bang))
                return Fail(afterComma, "expected: identifier after ','");
        }

        return SelectorParseResult.Success(new LabelSelector(Labels.From(matchLabels), expressions.ToImmutable()));
    }

    private static SelectorParseResult? ParseRequirement(State state, Dictionary<string, string> matchLabels,
        ImmutableArray<LabelSelectorRequirement>.Builder expressions)
    {
        var negated = false;
        var keyToken = state.Next(valueContext: true);
        if (keyToken.Kind == TokenKind.Bang)
        {
            negated = true;
            keyToken = state.Next(valueContext: true);
        }
        if (keyToken.Kind != TokenKind.Identifier) return Fail(keyToken, "expected: identifier");
        if (LabelSyntax.CheckKey(keyToken.Text) is { } keyProblem) return Fail(keyToken, $"invalid label key \"{keyToken.Text}\": {keyProblem}");
        var key = keyToken.Text;

        var following = state.Peek(valueContext: true);
        if (negated || following.Kind is TokenKind.End or TokenKind.Comma)
        {
            // A bare key is Exists; "!key" is DoesNotExist and takes no operator (what follows must be ',' or the end).
            expressions.Add(new LabelSelectorRequirement(key, negated ? "DoesNotExist" : "Exists", ImmutableArray<string>.Empty));
            return null;
        }

        var opToken = state.Next(valueContext: false);
        switch (opToken.Kind)
        {
            case TokenKind.In or TokenKind.NotIn:
            {
                var values = ParseValueSet(state, out var setError);
                if (setError is not null) return setError;
                foreach (var (value, token) in values)
                    if (LabelSyntax.CheckValue(value) is { } problem) return Fail(token, $"invalid label value \"{value}\" for key \"{key}\": {problem}");
                var distinct = values.Select(v => v.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
                expressions.Add(new LabelSelectorRequirement(key, opToken.Kind == TokenKind.In ? "In" : "NotIn", distinct));
                return null;
            }
            case TokenKind.Equals or TokenKind.DoubleEquals or TokenKind.NotEquals or TokenKind.GreaterThan or TokenKind.LessThan:
            {
                // An exact value may be empty: "x=" and "x=,y=z" compare with "".
                var next = state.Peek(valueContext: true);
                string value;
                var valueToken = next;
                if (next.Kind is TokenKind.End or TokenKind.Comma) value = "";
                else
                {
                    valueToken = state.Next(valueContext: true);
                    if (valueToken.Kind != TokenKind.Identifier) return Fail(valueToken, "expected: identifier");
                    value = valueToken.Text;
                }
                if (LabelSyntax.CheckValue(value) is { } problem) return Fail(valueToken, $"invalid label value \"{value}\" for key \"{key}\": {problem}");
                if (opToken.Kind is TokenKind.GreaterThan or TokenKind.LessThan)
                {
                    if (!long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _))
                        return Fail(valueToken, $"for '>', '<' operators, the value must be an integer, found \"{value}\"");
                    expressions.Add(new LabelSelectorRequirement(key, opToken.Kind == TokenKind.GreaterThan ? "Gt" : "Lt", [value]));
                    return null;
                }
                if (opToken.Kind == TokenKind.NotEquals)
                    expressions.Add(new LabelSelectorRequirement(key, "NotIn", [value]));
                else if (!matchLabels.TryAdd(key, value))
                    expressions.Add(new LabelSelectorRequirement(key, "In", [value]));
                return null;
            }
            default:
                return Fail(opToken, "expected: in, notin, =, ==, !=, >, <");
        }
    }

    /// <summary><c>( v1, v2, … )</c>; empty entries are the empty value: "()", "(a,)", "(,a)", "(a,,b)".</summary>
    private static List<(string Value, Token Token)> ParseValueSet(State state, out SelectorParseResult? error)
    {
        var values = new List<(string, Token)>();
        error = null;
        var open = state.Next(valueContext: true);
        if (open.Kind != TokenKind.OpenParen) { error = Fail(open, "expected: '('"); return values; }

        var expectValue = true;
        while (true)
        {
            var t = state.Next(valueContext: true);
            switch (t.Kind)
            {
                case TokenKind.ClosedParen:
                    if (expectValue) values.Add(("", t));
                    return values;
                case TokenKind.Comma:
                    if (expectValue) values.Add(("", t));
                    expectValue = true;
                    break;
                case TokenKind.Identifier when expectValue:
                    values.Add((t.Text, t));
                    expectValue = false;
                    break;
                case TokenKind.Identifier:
                    error = Fail(t, "expected: ',' or ')'");
                    return values;
                default:
                    error = Fail(t, expectValue ? "expected: ',', ')' or identifier" : "expected: ',' or ')'");
                    return values;
            }
        }
    }

    private static SelectorParseResult Fail(Token token, string expectation)
    {
        var found = token.Kind == TokenKind.End ? "end of string" : $"'{token.Text}'";
        return SelectorParseResult.Failure(token.Position, $"found {found}, {expectation}");
    }

    private sealed class State(List<Token> tokens)
    {
        private int _index;

        public Token Peek(bool valueContext) => Contextual(tokens[Math.Min(_index, tokens.Count - 1)], valueContext);

        public Token Next(bool valueContext)
        {
            var t = Peek(valueContext);
            if (_index < tokens.Count - 1) _index++;
            return t;
        }

        // Where a key or value is expected, the keywords "in" and "notin" are ordinary identifiers ("notin=in" is valid).
        private static Token Contextual(Token t, bool valueContext) =>
            valueContext && t.Kind is TokenKind.In or TokenKind.NotIn ? t with { Kind = TokenKind.Identifier } : t;
    }
}
