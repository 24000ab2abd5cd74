using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Validation;

/// <summary>
/// ObjectMeta and metav1.LabelSelector checks as k8s.io/apimachinery's ValidateObjectMetaAccessor,
/// ValidateLabels, ValidateAnnotations and ValidateLabelSelector perform them.
/// </summary>
internal static class MetaValidation
{
    /// <summary>"The total size of annotations (keys and values) … 256 KiB" (TotalAnnotationSizeLimitB).</summary>
    internal const int TotalAnnotationSizeLimitBytes = 256 * 1024;

    internal static void ValidateObjectMeta(ObjectMeta meta, bool namespaced, List<FieldError> errors)
    {
        // Names of NetworkPolicies and of custom resources are DNS-1123 subdomains (NameIsDNSSubdomain).
        if (string.IsNullOrEmpty(meta.Name))
            errors.Add(FieldError.Required("metadata.name", "name or generateName is required"));
        else
            foreach (var msg in ApiSyntax.Dns1123Subdomain(meta.Name))
                errors.Add(FieldError.Invalid("metadata.name", meta.Name, msg));

        if (namespaced)
        {
            // Namespace names are DNS-1123 labels (ValidateNamespaceName).
            if (string.IsNullOrEmpty(meta.Namespace))
                errors.Add(FieldError.Required("metadata.namespace"));
            else
                foreach (var msg in ApiSyntax.Dns1123Label(meta.Namespace))
                    errors.Add(FieldError.Invalid("metadata.namespace", meta.Namespace, msg));
        }
        else if (!string.IsNullOrEmpty(meta.Namespace))
        {
            errors.Add(FieldError.Forbidden("metadata.namespace", "not allowed on this type"));
        }

        ValidateLabels(meta.Labels, "metadata.labels", errors);
        ValidateAnnotations(meta.Annotations, "metadata.annotations", errors);
    }

    /// <summary>Every key a qualified name, every value a label value; errors name the map, not the entry.</summary>
    internal static void ValidateLabels(Labels labels, string path, List<FieldError> errors)
    {
        foreach (var (key, value) in labels)
        {
            foreach (var msg in ApiSyntax.LabelKey(key)) errors.Add(FieldError.Invalid(path, key, msg));
            foreach (var msg in ApiSyntax.LabelValue(value)) errors.Add(FieldError.Invalid(path, value, msg));
        }
    }

    /// <summary>
    /// Annotation keys are qualified names "except that case doesn't matter"; keys and values together may hold at
    /// most 256 KiB.
    /// </summary>
    internal static void ValidateAnnotations(Labels annotations, string path, List<FieldError> errors)
    {
        long total = 0;
        foreach (var (key, value) in annotations)
        {
            foreach (var msg in ApiSyntax.LabelKey(key.ToLowerInvariant())) errors.Add(FieldError.Invalid(path, key, msg));
            total += ApiSyntax.ByteLength(key) + ApiSyntax.ByteLength(value);
        }
        if (total > TotalAnnotationSizeLimitBytes)
            errors.Add(new FieldError(path, FieldErrorType.TooLong, $"must have at most {TotalAnnotationSizeLimitBytes} bytes"));
    }

    /// <summary>
    /// ValidateLabelSelector with AllowInvalidLabelValueInSelector off (new objects): "In and NotIn … the values
    /// array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty."
    /// </summary>
    internal static void ValidateLabelSelector(LabelSelector? selector, string path, List<FieldError> errors)
    {
        if (selector is null) return;
        ValidateLabels(selector.MatchLabels, path + ".matchLabels", errors);
        var expressions = selector.MatchExpressions.IsDefault ? ImmutableArray<LabelSelectorRequirement>.Empty : selector.MatchExpressions;
        for (var i = 0; i < expressions.Length; i++)
        {
            var req = expressions[i];
            var rPath = $"{path}.matchExpressions[{i}]";
            var values = req.Values.IsDefault ? ImmutableArray<string>.Empty : req.Values;
            switch (req.Operator)
            {
                case "In" or "NotIn":
                    if (values.IsEmpty)
                        errors.Add(FieldError.Required(rPath + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
                    break;
                case "Exists" or "DoesNotExist":
                    if (!values.IsEmpty)
                        errors.Add(FieldError.Forbidden(rPath + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                    break;
                default:
                    errors.Add(FieldError.Invalid(rPath + ".operator", req.Operator, "not a valid selector operator"));
                    break;
            }
            foreach (var msg in ApiSyntax.LabelKey(req.Key ?? "")) errors.Add(FieldError.Invalid(rPath + ".key", req.Key ?? "", msg));
            for (var j = 0; j < values.Length; j++)
                foreach (var msg in ApiSyntax.LabelValue(values[j]))
                    errors.Add(FieldError.Invalid($"{rPath}.values[{j}]", values[j], msg));
        }
    }
}
