using Microsoft.AspNetCore.Http;
using PolicyDashboard.Web.Auth;

namespace PolicyDashboard.Web.Tests.Auth;

public sealed class OriginPolicyTests
{
    private static bool Allowed(string? origin, string host = "dash.example.com", string scheme = "https", params string[] allowed)
    {
        var options = AuthTestOptions.Bind(AuthTestOptions.ValidOidc);
        options.AllowedOrigins = allowed;
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);
        if (origin is not null) context.Request.Headers.Origin = origin;
        return new OriginPolicy(AuthTestOptions.Monitor(options)).IsAllowed(context.Request);
    }

    [Theory]
    [InlineData("https://dash.example.com", true)]
    [InlineData("https://DASH.example.com", true)]
    [InlineData("https://dash.example.com:443", true)]
    [InlineData("http://dash.example.com", false)]
    [InlineData("https://dash.example.com.evil.test", false)]
    [InlineData("https://evil.test", false)]
    [InlineData("null", false)]
    public void IsAllowed_OriginAgainstOwnHost_MatchesOnlySameOrigin(string origin, bool expected)
    {
        Assert.Equal(expected, Allowed(origin));
    }

    [Fact]
    public void IsAllowed_NoOriginHeader_Allows()
    {
        Assert.True(Allowed(null));
    }

    [Fact]
    public void IsAllowed_NonDefaultPort_MustMatchPort()
    {
        Assert.True(Allowed("http://127.0.0.1:5123", host: "127.0.0.1:5123", scheme: "http"));
        Assert.False(Allowed("http://127.0.0.1:5124", host: "127.0.0.1:5123", scheme: "http"));
    }

    [Fact]
    public void IsAllowed_ConfiguredOrigin_Allows()
    {
        Assert.True(Allowed("https://public.example.com", "internal:8080", "http", "https://public.example.com"));
        Assert.False(Allowed("https://other.example.com", "internal:8080", "http", "https://public.example.com"));
    }
}
