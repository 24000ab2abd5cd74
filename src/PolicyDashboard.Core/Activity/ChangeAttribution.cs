using System.Globalization;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Activity;

/// <summary>Where the "who" of an activity entry comes from, most specific first.</summary>
public enum AttributionSource
{
    /// <summary>The dashboard's <c>policy-dashboard.io/applied-by</c> annotation, written with this change: a person.</summary>
    Annotation,
    /// <summary>The API server's managedFields: the field manager (a program, e.g. kubectl) of the latest write.</summary>
    FieldManager,
    /// <summary>Nothing tells (a deletion, or an object without managedFields).</summary>
    Unknown,
}

/// <summary>Who made a change and when, and how that was found out.</summary>
public sealed record Attribution(string Who, AttributionSource Source, DateTimeOffset When);

/// <summary>
/// Attributes a change. Who: the <see cref="AppliedByAnnotation"/> when the change carries a fresh one (its
/// <see cref="AppliedAtAnnotation"/> differs from the version before, so a later kubectl edit of a policy once applied
/// through the dashboard is not credited to that person); else the field manager of the latest managedFields entry;
/// else "unknown". When: the applied-at time, else the managedFields time, else the time the change was observed.
/// A deletion leaves neither annotation nor managedFields behind: it is "unknown", observed.
/// </summary>
public static class ChangeAttribution
{
    /// <summary>Who applied a policy through the dashboard (the signed-in person's name).</summary>
    public const string AppliedByAnnotation = "policy-dashboard.io/applied-by";

    /// <summary>When, as RFC 3339 UTC.</summary>
    public const string AppliedAtAnnotation = "policy-dashboard.io/applied-at";

    public const string UnknownWho = "unknown";

    public static Attribution For(PolicyChange change, DateTimeOffset observed)
    {
        if (change.Action == ActivityAction.Deleted) return new Attribution(UnknownWho, AttributionSource.Unknown, observed);
        var after = change.MetaAfter!;
        var before = change.MetaBefore;
        if (after.Annotations.TryGetValue(AppliedByAnnotation, out var by) && by.Length > 0)
        {
            var at = after.Annotations.TryGetValue(AppliedAtAnnotation, out var a) ? a : null;
            var previousAt = before is not null && before.Annotations.TryGetValue(AppliedAtAnnotation, out var p) ? p : null;
            // Seen at start, the version before is unknown: the annotation is credited only if it is the latest write.
            var fresh = change.SeenAtStart
                ? after.LastWrite is null || ParseTime(at) is not { } t || after.LastWrite.Time is not { } w || t >= w.AddSeconds(-1)
                : at != previousAt;
            if (fresh) return new Attribution(by, AttributionSource.Annotation, ParseTime(at) ?? after.LastWrite?.Time ?? observed);
        }
        if (after.LastWrite is { Manager.Length: > 0 } write)
            return new Attribution(write.Manager, AttributionSource.FieldManager, write.Time ?? observed);
        return new Attribution(UnknownWho, AttributionSource.Unknown, observed);
    }

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
}
