using k8s.Models;
using PolicyDashboard.Kube.Convert;

namespace PolicyDashboard.Kube.Tests.Convert;

/// <summary>The latest managedFields entry of the main resource is carried into the model's metadata.</summary>
public sealed class LastWriteTests
{
    private static V1ManagedFieldsEntry Entry(string manager, string operation, int minute, string? subresource = null) =>
        new() { Manager = manager, Operation = operation, Time = new DateTime(2026, 11, 26, 10, minute, 0, DateTimeKind.Utc), Subresource = subresource };

    [Fact]
    public void ToModel_SeveralManagers_LatestMainResourceEntryWins()
    {
        var meta = new V1ObjectMeta
        {
            Name = "p",
            ManagedFields = [Entry("kubectl-client-side-apply", "Update", 1), Entry("policy-dashboard", "Apply", 5), Entry("status-writer", "Update", 9, "status")],
        };

        var model = MetaConverter.ToModel(meta, namespaced: true);

        Assert.Equal("policy-dashboard", model.LastWrite!.Manager);
        Assert.Equal("Apply", model.LastWrite.Operation);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 10, 5, 0, TimeSpan.Zero), model.LastWrite.Time);
    }

    [Fact]
    public void ToModel_NoManagedFields_NoLastWrite() =>
        Assert.Null(MetaConverter.ToModel(new V1ObjectMeta { Name = "p" }, namespaced: true).LastWrite);
}
