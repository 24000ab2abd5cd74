using PolicyDashboard.Core.Activity;
using PolicyDashboard.Web.Compose;

namespace PolicyDashboard.Web.Tests.Activity;

public sealed class AppliedByAnnotationTests
{
    [Fact]
    public void Annotations_ComposerWritesWhatTheActivityHistoryReads()
    {
        Assert.Equal(ComposerService.AppliedByAnnotation, ChangeAttribution.AppliedByAnnotation);
        Assert.Equal(ComposerService.AppliedAtAnnotation, ChangeAttribution.AppliedAtAnnotation);
    }
}
