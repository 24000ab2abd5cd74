using System.Net;
using k8s.Models;
using PolicyDashboard.Kube.Writes;

namespace PolicyDashboard.Kube.Tests.Writes;

public sealed class WriteResultTests
{
    [Fact]
    public void FromStatus_ApplyConflict_ParsesFieldsAndManagers()
    {
        var status = new V1Status
        {
            Kind = "Status",
            Code = 409,
            Reason = "Conflict",
            Message = "Apply failed with 1 conflict: conflict with \"kubectl\" using networking.k8s.io/v1: .spec.podSelector",
            Details = new V1StatusDetails
            {
                Causes = [new V1StatusCause { Reason = "FieldManagerConflict", Field = ".spec.podSelector", Message = "conflict with \"kubectl\" using networking.k8s.io/v1" }],
            },
        };

        var result = PolicyWriter.FromStatus(HttpStatusCode.Conflict, status, "");

        var conflict = Assert.IsType<WriteResult.Conflict>(result);
        Assert.Equal(new FieldConflict(".spec.podSelector", "kubectl", "conflict with \"kubectl\" using networking.k8s.io/v1"), Assert.Single(conflict.Fields));
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, typeof(WriteResult.NotFound))]
    [InlineData(HttpStatusCode.Forbidden, typeof(WriteResult.Forbidden))]
    [InlineData(HttpStatusCode.InternalServerError, typeof(WriteResult.Error))]
    [InlineData(HttpStatusCode.UnprocessableEntity, typeof(WriteResult.Invalid))]
    public void FromStatus_StatusCode_MapsToResult(HttpStatusCode code, Type expected)
    {
        Assert.IsType(expected, PolicyWriter.FromStatus(code, null, "boom"));
    }
}
