namespace PolicyDashboard.Web.Tests.Compose;

/// <summary>
/// Tests that measure the whole process (its managed heap, its working set) run with no other test beside them:
/// another test's allocations would be counted as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAlone
{
    public const string Name = "measured alone";
}
