using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PolicyDashboard.Web.Auth;

namespace PolicyDashboard.Web.Tests.Auth;

/// <summary>A refused mutation reaching the HTTP pipeline becomes 403, whatever endpoint raised it.</summary>
public sealed class ForbiddenMappingTests
{
    [Fact]
    public async Task Pipeline_EndpointRefusedByGuard_Answers403ProblemNamingTheAction()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Auth:Mode"] = "Unsecured";
        builder.Configuration["DataProtection:KeyDirectory"] = Path.Combine(Path.GetTempPath(), "policy-dashboard-tests", "keys");
        builder.AddDashboardAuth();
        await using var app = builder.Build();
        app.UseDashboardAuth();
        app.MapPost("/api/write", () =>
        {
            var auditor = new DashboardUser("a", "Audrey", ["auditors"], DashboardRole.Auditor, true, false);
            throw new DashboardForbiddenException("apply network policy", auditor);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = app.GetTestClient();

        using var response = await client.PostAsync("/api/write", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("apply network policy", body);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }
}
