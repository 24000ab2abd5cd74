namespace PolicyDashboard.Core.Selectors;

/// <summary>
/// Label key and value syntax as apimachinery checks it (k8s.io/apimachinery/pkg/util/validation:
/// IsQualifiedName for keys, IsValidLabelValue for values). Returns the problem as text, or null when valid.
/// </summary>
public static class LabelSyntax
{
    private const int NameMaxLength = 63;
    private const int PrefixMaxLength = 253;

    /// <summary>
    /// A key is <c>[prefix/]name</c>: the optional prefix a DNS-1123 subdomain (≤ 253), the name ≤ 63 characters of
    /// <c>[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?</c>.
    /// </summary>
    public static string? CheckKey(string? key)
    {
        if (string.IsNullOrEmpty(key)) return "name part must be non-empty";
        var slash = key.IndexOf('/');
        string name = key;
        if (slash >= 0)
        {
            if (key.IndexOf('/', slash + 1) >= 0)
                return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, with an optional DNS subdomain prefix and '/'";
            var prefix = key[..slash];
            name = key[(slash + 1)..];
            if (prefix.Length == 0) return "prefix part must be non-empty";
            var prefixProblem = CheckDnsSubdomain(prefix);
            if (prefixProblem is not null) return "prefix part " + prefixProblem;
        }
        if (name.Length == 0) return "name part must be non-empty";
        if (name.Length > NameMaxLength) return $"name part must be no more than {NameMaxLength} characters";
        if (!IsNameLike(name))
            return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
        return null;
    }

    /// <summary>A value is empty or ≤ 63 characters of <c>[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?</c>.</summary>
    public static string? CheckValue(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (value.Length > NameMaxLength) return $"must be no more than {NameMaxLength} characters";
        if (!IsNameLike(value))
            return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
        return null;
    }

    public static bool IsValidKey(string? key) => CheckKey(key) is null;
    public static bool IsValidValue(string? value) => CheckValue(value) is null;

    private static bool IsNameLike(string s)
    {
        if (!char.IsAsciiLetterOrDigit(s[0]) || !char.IsAsciiLetterOrDigit(s[^1])) return false;
        foreach (var c in s)
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.')) return false;
        return true;
    }

    /// <summary>RFC 1123 subdomain: ≤ 253, lower-case labels of [a-z0-9-] separated by dots, alphanumeric at both ends.</summary>
    private static string? CheckDnsSubdomain(string s)
    {
        if (s.Length > PrefixMaxLength) return $"must be no more than {PrefixMaxLength} characters";
        foreach (var label in s.Split('.'))
        {
            if (label.Length == 0 || !IsLowerAlnum(label[0]) || !IsLowerAlnum(label[^1]))
                return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
            foreach (var c in label)
                if (!IsLowerAlnum(c) && c != '-')
                    return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
        }
        return null;
    }

    private static bool IsLowerAlnum(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
