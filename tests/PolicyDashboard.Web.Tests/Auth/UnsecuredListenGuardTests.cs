using System.Net;
using Microsoft.AspNetCore.Http;
using PolicyDashboard.Web.Auth;

namespace PolicyDashboard.Web.Tests.Auth;

public sealed class UnsecuredListenGuardTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://127.8.0.1:5000", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://[::]:8080", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://*:80", false)]
    [InlineData("http://10.1.2.3:80", false)]
    [InlineData("https://dashboard.example.com:443", false)]
    public void IsLoopback_ListeningAddress_RecognizesLoopbackOnly(string address, bool expected)
    {
        Assert.Equal(expected, UnsecuredListenGuard.IsLoopback(address));
    }

    [Theory]
    [InlineData("127.0.0.1", false, false)]
    [InlineData("10.0.0.5", false, true)]
    [InlineData("10.0.0.5", true, false)]
    public void RejectNonLoopback_ConnectionToAddress_RejectsOnlyExposedWithoutSwitch(string local, bool allowSwitch, bool expected)
    {
        var options = AuthTestOptions.Bind(new Dictionary<string, string?> { ["Auth:Mode"] = "Unsecured" });
        options.AllowUnsecuredOnNonLoopback = allowSwitch;
        var context = new DefaultHttpContext();
        context.Connection.LocalIpAddress = IPAddress.Parse(local);

        Assert.Equal(expected, UnsecuredListenGuard.RejectNonLoopback(context, options));
    }

    [Fact]
    public void RejectNonLoopback_OpenIdConnectMode_NeverRejects()
    {
        var context = new DefaultHttpContext();
        context.Connection.LocalIpAddress = IPAddress.Parse("10.0.0.5");

        Assert.False(UnsecuredListenGuard.RejectNonLoopback(context, AuthTestOptions.Bind(AuthTestOptions.ValidOidc)));
    }
}
