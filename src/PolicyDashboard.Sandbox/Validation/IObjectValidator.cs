using System.Text.Json.Nodes;
using PolicyDashboard.Core.Validation;
using PolicyDashboard.Sandbox.Http;
using PolicyDashboard.Sandbox.Kinds;

namespace PolicyDashboard.Sandbox.Validation;

/// <summary>Kind-specific validation of an object about to be stored; empty when it is valid.</summary>
internal interface IObjectValidator
{
    IEnumerable<FieldError> Validate(ResourceKind kind, JsonObject obj);
}

internal static class Causes
{
    /// <summary>field.Error → metav1.StatusCause: reason "FieldValueInvalid" etc., message without the field path.</summary>
    public static StatusCause From(FieldError e)
    {
        var text = e.ToString();
        var prefix = e.Field + ": ";
        var message = e.Field.Length > 0 && text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text;
        return new StatusCause("FieldValue" + e.Type, message, e.Field);
    }
}
