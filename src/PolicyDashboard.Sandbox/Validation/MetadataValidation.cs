using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PolicyDashboard.Core.Selectors;
using PolicyDashboard.Core.Validation;
using PolicyDashboard.Sandbox.Kinds;

namespace PolicyDashboard.Sandbox.Validation;

/// <summary>
/// The ObjectMeta checks the apiserver makes for every kind (k8s.io/apimachinery/pkg/api/validation ValidateObjectMeta):
/// the name's format for the kind, label keys and values, annotation keys.
/// </summary>
internal static partial class MetadataValidation
{
    private const string Dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string Dns1123LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    private const string Dns1035LabelMessage =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    public static IEnumerable<FieldError> Validate(ResourceKind kind, JsonObject obj)
    {
        var meta = obj["metadata"] as JsonObject;
        var name = meta?["name"]?.GetValue<string>() ?? "";
        if (name.Length == 0)
        {
            yield return FieldErrors.Required("metadata.name", "name or generateName is required");
        }
        else
        {
            // Namespaces must be DNS-1123 labels and Services DNS-1035 labels (they become DNS names); most other
            // kinds accept DNS-1123 subdomains.
            var (ok, message, max) = kind.Kind switch
            {
                "Namespace" => (Dns1123Label().IsMatch(name), Dns1123LabelMessage, 63),
                "Service" => (Dns1035Label().IsMatch(name), Dns1035LabelMessage, 63),
                _ => (Dns1123Subdomain().IsMatch(name), Dns1123SubdomainMessage, 253),
            };
            if (name.Length > max) yield return FieldErrors.Invalid("metadata.name", name, $"must be no more than {max} characters");
            else if (!ok) yield return FieldErrors.Invalid("metadata.name", name, message);
        }

        if (meta?["labels"] is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                if (LabelSyntax.CheckKey(key) is { } keyProblem) yield return FieldErrors.Invalid("metadata.labels", key, keyProblem);
                var v = value is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
                if (LabelSyntax.CheckValue(v) is { } valueProblem) yield return FieldErrors.Invalid("metadata.labels", v, valueProblem);
            }
        }
        if (meta?["annotations"] is JsonObject annotations)
        {
            foreach (var (key, _) in annotations)
                if (LabelSyntax.CheckKey(key) is { } keyProblem) yield return FieldErrors.Invalid("metadata.annotations", key, keyProblem);
        }
    }

    public static bool IsDns1123Label(string s) => Dns1123Label().IsMatch(s);

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex(@"^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();
}

/// <summary>Builds Core <see cref="FieldError"/>s (its factories are internal to Core).</summary>
internal static class FieldErrors
{
    public static FieldError Invalid(string field, string value, string message) => new(field, FieldErrorType.Invalid, message, value);
    public static FieldError Required(string field, string message = "") => new(field, FieldErrorType.Required, message);
}
