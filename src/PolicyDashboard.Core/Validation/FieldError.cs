using System.Globalization;

namespace PolicyDashboard.Core.Validation;

/// <summary>The reasons apimachinery's field.ErrorType names (k8s.io/apimachinery/pkg/util/validation/field).</summary>
public enum FieldErrorType { Invalid, Required, NotSupported, Forbidden, Duplicate, TooLong, TooMany }

/// <summary>
/// One validation error as the API server reports it: the field path (<c>spec.ingress[0].from[0].ipBlock.cidr</c>),
/// the reason, the detail text and the offending value as written (null when the reason carries none).
/// </summary>
public sealed record FieldError(string Field, FieldErrorType Type, string Message, string? Value = null)
{
    /// <summary>
    /// Whether the API server prints the value quoted (strings) or bare (numbers, and the type names CEL rules
    /// report for objects).
    /// </summary>
    public bool ValueIsQuoted { get; init; } = true;

    /// <summary>The reason as field.ErrorType.String() spells it.</summary>
    public string Reason => Type switch
    {
        FieldErrorType.Invalid => "Invalid value",
        FieldErrorType.Required => "Required value",
        FieldErrorType.NotSupported => "Unsupported value",
        FieldErrorType.Forbidden => "Forbidden",
        FieldErrorType.Duplicate => "Duplicate value",
        FieldErrorType.TooLong => "Too long",
        FieldErrorType.TooMany => "Too many",
        _ => Type.ToString(),
    };

    /// <summary>
    /// The line the API server returns (field.Error.Error()): <c>field: Reason: value: detail</c>. Required, Forbidden
    /// and TooLong omit the value, as apimachinery does.
    /// </summary>
    public override string ToString()
    {
        var body = Reason;
        var showsValue = Type is not (FieldErrorType.Required or FieldErrorType.Forbidden or FieldErrorType.TooLong);
        if (showsValue && Value is not null)
            body += ": " + (ValueIsQuoted ? Quote(Value) : Value);
        if (Message.Length > 0) body += ": " + Message;
        return Field.Length == 0 ? body : $"{Field}: {body}";
    }

    internal static FieldError Invalid(string field, string value, string message) => new(field, FieldErrorType.Invalid, message, value);

    internal static FieldError InvalidNumber(string field, long value, string message) =>
        new(field, FieldErrorType.Invalid, message, value.ToString(CultureInfo.InvariantCulture)) { ValueIsQuoted = false };

    internal static FieldError Required(string field, string message = "") => new(field, FieldErrorType.Required, message);

    internal static FieldError Forbidden(string field, string message) => new(field, FieldErrorType.Forbidden, message);

    internal static FieldError Duplicate(string field, string value) => new(field, FieldErrorType.Duplicate, "", value);

    /// <summary>field.NotSupported: the detail lists the supported values, each quoted.</summary>
    internal static FieldError NotSupported(string field, string value, params string[] supported) =>
        new(field, FieldErrorType.NotSupported, "supported values: " + string.Join(", ", supported.Select(Quote)), value);

    /// <summary>field.TooMany: "must have at most N items", with the actual count as the value.</summary>
    internal static FieldError TooMany(string field, int actual, int max) =>
        new(field, FieldErrorType.TooMany, $"must have at most {max} items", actual.ToString(CultureInfo.InvariantCulture)) { ValueIsQuoted = false };

    /// <summary>Go's %q for the ASCII texts policies hold.</summary>
    internal static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
