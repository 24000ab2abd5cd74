using System.Collections.Immutable;
using k8s.Models;
using PolicyDashboard.Core.Model;
using ModelMeta = PolicyDashboard.Core.Model.ObjectMeta;

namespace PolicyDashboard.Kube.Convert;

/// <summary>Metadata and label selectors: the pieces every converter shares.</summary>
public static class MetaConverter
{
    public static ModelMeta ToModel(V1ObjectMeta? meta, bool namespaced, string? defaultNamespace = null) =>
        new(
            meta?.Name ?? "",
            namespaced ? (string.IsNullOrEmpty(meta?.NamespaceProperty) ? defaultNamespace ?? "" : meta.NamespaceProperty) : null,
            meta?.Uid,
            meta?.ResourceVersion,
            meta?.CreationTimestamp is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null,
            Labels.From(meta?.Labels),
            Labels.From(meta?.Annotations))
        {
            LastWrite = LastWrite(meta?.ManagedFields),
        };

    /// <summary>
    /// The managedFields entry with the latest time, status subresource entries left out (a controller updating
    /// status did not change the policy). Entries without a time count as oldest; on a tie the later entry wins.
    /// </summary>
    public static LastWrite? LastWrite(IList<V1ManagedFieldsEntry>? entries)
    {
        V1ManagedFieldsEntry? latest = null;
        foreach (var e in entries ?? [])
        {
            if (e is null || !string.IsNullOrEmpty(e.Subresource)) continue;
            if (latest is null || (e.Time ?? DateTime.MinValue) >= (latest.Time ?? DateTime.MinValue)) latest = e;
        }
        return latest is null
            ? null
            : new LastWrite(latest.Manager ?? "", latest.Operation ?? "",
                latest.Time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null);
    }

    /// <summary>
    /// A selector as written. Null stays null: whether an absent selector means "everything" or "nothing" depends
    /// on the field, and the compiled matchers decide that.
    /// </summary>
    public static LabelSelector? ToModel(V1LabelSelector? selector) =>
        selector is null
            ? null
            : new LabelSelector(
                Labels.From(selector.MatchLabels),
                selector.MatchExpressions is null
                    ? ImmutableArray<LabelSelectorRequirement>.Empty
                    : selector.MatchExpressions.Select(e => new LabelSelectorRequirement(
                        e.Key ?? "", e.OperatorProperty ?? "", e.Values is null ? ImmutableArray<string>.Empty : [.. e.Values]))
                        .ToImmutableArray());

    /// <summary>Kubernetes IntOrString: a value that parses as an integer is a number, anything else a name.</summary>
    public static Core.Model.IntOrString? ToModel(k8s.Models.IntOrString? value)
    {
        if (value?.Value is not { } text) return null;
        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? Core.Model.IntOrString.Of(n)
            : Core.Model.IntOrString.Of(text);
    }

    internal static ImmutableArray<T> Map<TIn, T>(IEnumerable<TIn>? items, Func<TIn, T> map) =>
        items is null ? ImmutableArray<T>.Empty : items.Where(i => i is not null).Select(map).ToImmutableArray();
}
