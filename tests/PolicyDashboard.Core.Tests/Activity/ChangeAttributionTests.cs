using PolicyDashboard.Core.Activity;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Tests.Lint;

namespace PolicyDashboard.Core.Tests.Activity;

/// <summary>Who made a change and when: the dashboard's annotation when fresh, else managedFields, else unknown.</summary>
public sealed class ChangeAttributionTests
{
    private static readonly DateTimeOffset Observed = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Written = new(2026, 11, 26, 11, 30, 0, TimeSpan.Zero);

    private static NetworkPolicyInfo Version(string? appliedBy = null, string? appliedAt = null, LastWrite? write = null)
    {
        var annotations = Labels.Empty;
        if (appliedBy is not null) annotations = annotations.With(ChangeAttribution.AppliedByAnnotation, appliedBy);
        if (appliedAt is not null) annotations = annotations.With(ChangeAttribution.AppliedAtAnnotation, appliedAt);
        var p = TestCluster.AllowRedis;
        return p with { Meta = p.Meta with { Annotations = annotations, LastWrite = write } };
    }

    private static PolicyChange Update(NetworkPolicyInfo before, NetworkPolicyInfo after) =>
        new(ActivityPolicyKey.Of(after), ActivityAction.Updated, "f", NetworkBefore: before, NetworkAfter: after);

    [Fact]
    public void For_FreshAppliedByAnnotation_IsThePersonAtAppliedAt()
    {
        var change = Update(Version(), Version("ada", "2026-11-26T11:00:00Z", new LastWrite("policy-dashboard", "Apply", Written)));

        var who = ChangeAttribution.For(change, Observed);

        Assert.Equal(new Attribution("ada", AttributionSource.Annotation, new DateTimeOffset(2026, 11, 26, 11, 0, 0, TimeSpan.Zero)), who);
    }

    [Fact]
    public void For_AnnotationLeftOverFromAnEarlierApply_IsTheFieldManager()
    {
        var earlier = Version("ada", "2026-11-26T09:00:00Z", new LastWrite("policy-dashboard", "Apply", Written.AddHours(-2)));
        var edited = Version("ada", "2026-11-26T09:00:00Z", new LastWrite("kubectl-edit", "Update", Written));

        var who = ChangeAttribution.For(Update(earlier, edited), Observed);

        Assert.Equal(new Attribution("kubectl-edit", AttributionSource.FieldManager, Written), who);
    }

    [Fact]
    public void For_NoAnnotation_IsTheLatestFieldManager()
    {
        var who = ChangeAttribution.For(Update(Version(), Version(write: new LastWrite("kubectl-client-side-apply", "Update", Written))), Observed);

        Assert.Equal(new Attribution("kubectl-client-side-apply", AttributionSource.FieldManager, Written), who);
    }

    [Fact]
    public void For_NoManagedFields_IsUnknownAtObservation()
    {
        var who = ChangeAttribution.For(Update(Version(), Version()), Observed);

        Assert.Equal(new Attribution("unknown", AttributionSource.Unknown, Observed), who);
    }

    [Fact]
    public void For_Deletion_IsUnknownAtObservation()
    {
        var p = Version("ada", "2026-11-26T09:00:00Z", new LastWrite("policy-dashboard", "Apply", Written));
        var change = new PolicyChange(ActivityPolicyKey.Of(p), ActivityAction.Deleted, "f", NetworkBefore: p);

        Assert.Equal(new Attribution("unknown", AttributionSource.Unknown, Observed), ChangeAttribution.For(change, Observed));
    }

    [Fact]
    public void For_SeenAtStartWithAnnotationFromTheLatestWrite_IsThePerson()
    {
        var after = Version("ada", "2026-11-26T11:30:00Z", new LastWrite("policy-dashboard", "Apply", Written));
        var change = new PolicyChange(ActivityPolicyKey.Of(after), ActivityAction.Updated, "f", NetworkAfter: after, SeenAtStart: true);

        Assert.Equal("ada", ChangeAttribution.For(change, Observed).Who);
    }

    [Fact]
    public void For_SeenAtStartEditedAfterTheDashboardApplied_IsTheFieldManager()
    {
        var after = Version("ada", "2026-11-26T09:00:00Z", new LastWrite("kubectl-edit", "Update", Written));
        var change = new PolicyChange(ActivityPolicyKey.Of(after), ActivityAction.Updated, "f", NetworkAfter: after, SeenAtStart: true);

        Assert.Equal("kubectl-edit", ChangeAttribution.For(change, Observed).Who);
    }
}
