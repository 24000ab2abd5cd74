using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PolicyDashboard.Core.Validation;
using PolicyDashboard.Sandbox.Http;

namespace PolicyDashboard.Sandbox.Validation;

/// <summary>
/// ConfigMap and Secret payload checks (k8s.io/kubernetes pkg/apis/core/validation ValidateConfigMap and
/// ValidateSecret): every key is a valid config-map key, a ConfigMap's key is not in both data and binaryData, and the
/// payload is at most <see cref="MaxSize"/> bytes (core.MaxSecretSize, 1 MiB; a ConfigMap counts data and binaryData
/// together and reports the whole object, a Secret reports <c>data</c>).
/// </summary>
internal static partial class DataValidation
{
    /// <summary>core.MaxSecretSize: 1 MiB, also the ConfigMap limit.</summary>
    public const int MaxSize = 1024 * 1024;

    private const string ConfigMapKeyMessage = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

    public static IEnumerable<FieldError> ConfigMap(JsonObject obj)
    {
        var total = 0L;
        var data = obj["data"] as JsonObject;
        var binary = obj["binaryData"] as JsonObject;
        foreach (var (key, value) in data ?? [])
        {
            foreach (var problem in KeyProblems(key)) yield return FieldErrors.Invalid($"data[{key}]", key, problem);
            if (binary?.ContainsKey(key) == true) yield return FieldErrors.Invalid($"data[{key}]", key, "duplicate of key present in binaryData");
            total += Encoding.UTF8.GetByteCount(Text(value));
        }
        foreach (var (key, value) in binary ?? [])
        {
            foreach (var problem in KeyProblems(key)) yield return FieldErrors.Invalid($"binaryData[{key}]", key, problem);
            total += Bytes($"binaryData[{key}]", value).Length;
        }
        if (total > MaxSize) yield return TooLong("");
    }

    public static IEnumerable<FieldError> Secret(JsonObject obj)
    {
        var total = 0L;
        foreach (var (key, value) in obj["data"] as JsonObject ?? [])
        {
            foreach (var problem in KeyProblems(key)) yield return FieldErrors.Invalid($"data[{key}]", key, problem);
            total += Bytes($"data[{key}]", value).Length;
        }
        if (total > MaxSize) yield return TooLong("data");
    }

    /// <summary>
    /// The v1 → internal conversion of a Secret: each <c>stringData</c> entry replaces the <c>data</c> entry of the same
    /// key (base64-encoded), and <c>stringData</c> itself is never stored. An omitted type is Opaque.
    /// </summary>
    public static void MergeStringData(JsonObject secret)
    {
        if (secret["stringData"] is JsonObject strings)
        {
            if (secret["data"] is not JsonObject data)
            {
                data = new JsonObject();
                secret["data"] = data;
            }
            foreach (var (key, value) in strings) data[key] = System.Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(value)));
        }
        secret.Remove("stringData");
        secret["type"] ??= "Opaque";
    }

    /// <summary>field.TooLong with the object's limit: "Too long: may not be more than 1048576 bytes".</summary>
    private static FieldError TooLong(string field) => new(field, FieldErrorType.TooLong, $"may not be more than {MaxSize} bytes");

    private static string Text(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw ApiError.BadRequest("ConfigMap and Secret values must be strings");

    /// <summary>A []byte field travels as base64; anything else fails decoding before validation, as in the API server.</summary>
    private static byte[] Bytes(string field, JsonNode? value)
    {
        try
        {
            return System.Convert.FromBase64String(Text(value));
        }
        catch (FormatException)
        {
            throw ApiError.BadRequest($"{field}: illegal base64 data");
        }
    }

    /// <summary>validation.IsConfigMapKey.</summary>
    private static IEnumerable<string> KeyProblems(string key)
    {
        if (key.Length > 253) yield return "must be no more than 253 characters";
        if (!ConfigKey().IsMatch(key)) yield return ConfigMapKeyMessage;
        if (key == ".") yield return "must not be '.'";
        else if (key == "..") yield return "must not be '..'";
        else if (key.StartsWith("..", StringComparison.Ordinal)) yield return "must not start with '..'";
    }

    [GeneratedRegex(@"^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigKey();
}
