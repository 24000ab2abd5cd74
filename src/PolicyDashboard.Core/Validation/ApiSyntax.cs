using System.Text;

namespace PolicyDashboard.Core.Validation;

/// <summary>
/// The string checks of k8s.io/apimachinery (pkg/util/validation and pkg/api/validate/content), with their exact
/// messages: each returns the list of problems, empty when the value is valid. Lengths are in bytes, as Go's len().
/// </summary>
public static class ApiSyntax
{
    private const string Dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123LabelErrMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private const string Dns1123SubdomainFmt = Dns1123LabelFmt + "(\\." + Dns1123LabelFmt + ")*";
    private const string Dns1123SubdomainErrMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string LabelKeyFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelKeyErrMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueFmt = "(" + LabelKeyFmt + ")?";
    private const string LabelValueErrMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    public const int Dns1123LabelMaxLength = 63;
    public const int Dns1123SubdomainMaxLength = 253;
    public const int LabelValueMaxLength = 63;
    public const int LabelKeyNameMaxLength = 63;

    /// <summary>IsDNS1123Subdomain: at most 253 characters of lower-case RFC 1123 labels joined by dots (object names).</summary>
    public static IReadOnlyList<string> Dns1123Subdomain(string value) => Dns1123Subdomain(value, "characters");

    /// <summary>IsDNS1123Label: at most 63 characters, lower-case alphanumerics and '-' (namespace names).</summary>
    public static IReadOnlyList<string> Dns1123Label(string value)
    {
        var errs = new List<string>();
        if (ByteLength(value) > Dns1123LabelMaxLength) errs.Add(MaxLenError(Dns1123LabelMaxLength, "characters"));
        if (!IsDns1123Label(value))
            errs.Add(IsDns1123Subdomain(value)
                ? "must not contain dots" // a valid subdomain that is not a label: the length is checked already, so dots
                : RegexError(Dns1123LabelErrMsg, Dns1123LabelFmt, "my-name", "123-abc"));
        return errs;
    }

    /// <summary>
    /// IsLabelKey (IsQualifiedName): an optional DNS subdomain prefix and '/', then a name of at most 63 characters,
    /// alphanumeric at both ends with '-', '_' and '.' inside.
    /// </summary>
    public static IReadOnlyList<string> LabelKey(string value)
    {
        var errs = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                if (parts[0].Length == 0) errs.Add("prefix part must be non-empty");
                else errs.AddRange(Dns1123Subdomain(parts[0], "bytes").Select(m => "prefix part " + m));
                break;
            default:
                errs.Add("a valid label key " + RegexError(LabelKeyErrMsg, LabelKeyFmt, "MyName", "my.name", "123-abc") +
                         " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errs;
        }
        if (name.Length == 0) errs.Add("name part must be non-empty");
        else if (ByteLength(name) > LabelKeyNameMaxLength) errs.Add("name part " + MaxLenError(LabelKeyNameMaxLength, "bytes"));
        if (!IsLabelName(name)) errs.Add("name part " + RegexError(LabelKeyErrMsg, LabelKeyFmt, "MyName", "my.name", "123-abc"));
        return errs;
    }

    /// <summary>IsLabelValue: empty, or at most 63 characters alphanumeric at both ends with '-', '_' and '.' inside.</summary>
    public static IReadOnlyList<string> LabelValue(string value)
    {
        var errs = new List<string>();
        if (ByteLength(value) > LabelValueMaxLength) errs.Add(MaxLenError(LabelValueMaxLength, "bytes"));
        if (value.Length != 0 && !IsLabelName(value))
            errs.Add(RegexError(LabelValueErrMsg, LabelValueFmt, "MyValue", "my_value", "12345"));
        return errs;
    }

    /// <summary>
    /// IsValidPortNum: "a valid, non-zero port number" — 1 to 65535.
    /// </summary>
    public static IReadOnlyList<string> PortNumber(long port) =>
        port is >= 1 and <= 65535 ? [] : ["must be between 1 and 65535, inclusive"];

    /// <summary>
    /// IsValidPortName (an IANA_SVC_NAME, RFC 6335 §5.1): at most 15 characters of [-a-z0-9], at least one letter,
    /// no leading, trailing or consecutive hyphens. Only lower case, although RFC 6335 is case-insensitive.
    /// </summary>
    public static IReadOnlyList<string> PortName(string port)
    {
        var errs = new List<string>();
        if (ByteLength(port) > 15) errs.Add(MaxLenError(15, "characters"));
        if (port.Length == 0 || !port.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            errs.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        if (!port.Any(c => c is >= 'a' and <= 'z')) errs.Add("must contain at least one letter (a-z)");
        if (port.Contains("--", StringComparison.Ordinal)) errs.Add("must not contain consecutive hyphens");
        if (port.Length > 0 && (port[0] == '-' || port[^1] == '-')) errs.Add("must not begin or end with a hyphen");
        return errs;
    }

    private static IReadOnlyList<string> Dns1123Subdomain(string value, string unit)
    {
        var errs = new List<string>();
        if (ByteLength(value) > Dns1123SubdomainMaxLength) errs.Add(MaxLenError(Dns1123SubdomainMaxLength, unit));
        if (!IsDns1123Subdomain(value)) errs.Add(RegexError(Dns1123SubdomainErrMsg, Dns1123SubdomainFmt, "example.com"));
        return errs;
    }

    internal static bool IsDns1123Label(string s)
    {
        if (s.Length == 0 || !IsLowerAlnum(s[0]) || !IsLowerAlnum(s[^1])) return false;
        foreach (var c in s)
            if (!IsLowerAlnum(c) && c != '-') return false;
        return true;
    }

    internal static bool IsDns1123Subdomain(string s)
    {
        if (s.Length == 0) return false;
        foreach (var label in s.Split('.'))
            if (!IsDns1123Label(label)) return false;
        return true;
    }

    private static bool IsLabelName(string s)
    {
        if (s.Length == 0 || !char.IsAsciiLetterOrDigit(s[0]) || !char.IsAsciiLetterOrDigit(s[^1])) return false;
        foreach (var c in s)
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.')) return false;
        return true;
    }

    private static bool IsLowerAlnum(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    internal static int ByteLength(string s) => Encoding.UTF8.GetByteCount(s);

    private static string MaxLenError(int length, string unit) => $"must be no more than {length} {unit}";

    /// <summary>apimachinery's RegexError, including its "'a',  or 'b', " punctuation.</summary>
    private static string RegexError(string msg, string fmt, params string[] examples)
    {
        if (examples.Length == 0) return msg + " (regex used for validation is '" + fmt + "')";
        var sb = new StringBuilder(msg).Append(" (e.g. ");
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0) sb.Append(" or ");
            sb.Append('\'').Append(examples[i]).Append("', ");
        }
        return sb.Append("regex used for validation is '").Append(fmt).Append("')").ToString();
    }
}
