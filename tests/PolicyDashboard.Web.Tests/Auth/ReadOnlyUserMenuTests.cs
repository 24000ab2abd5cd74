using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using PolicyDashboard.Web.Auth;
using PolicyDashboard.Web.Components.Pages.Auth;

namespace PolicyDashboard.Web.Tests.Auth;

/// <summary>The app bar's user menu on a read-only install (Dashboard:ReadOnly) and on a writable one.</summary>
public sealed class ReadOnlyUserMenuTests : BunitContext
{
    private IRenderedComponent<UserMenu> RenderForAdmin(bool readOnly)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddOptions<AuthOptions>().Configure(o =>
        {
            o.EffectiveMode = AuthMode.OpenIdConnect;
            o.AdminGroups = ["cluster-admins"];
        });
        Services.AddOptions<DashboardOptions>().Configure(o => o.ReadOnly = readOnly);
        Services.AddSingleton<RoleResolver>();
        var auth = AddAuthorization();
        auth.SetAuthorized("Pat");
        auth.SetClaims(new Claim("name", "Pat"), new Claim("groups", "cluster-admins"));
        return Render<UserMenu>();
    }

    [Fact]
    public void UserMenu_ReadOnlyInstall_ShowsTheInstallAndTheAdminAsReadOnly()
    {
        var cut = RenderForAdmin(readOnly: true);

        Assert.Contains("Read-only install", cut.Find("[data-testid=read-only-install]").TextContent);
        Assert.Equal("Admin (read-only)", cut.Find("[data-testid=user-role]").TextContent.Trim());
    }

    [Fact]
    public void UserMenu_WritableInstall_ShowsAdminWithoutReadOnlyIndication()
    {
        var cut = RenderForAdmin(readOnly: false);

        Assert.Empty(cut.FindAll("[data-testid=read-only-install]"));
        Assert.Equal("Admin", cut.Find("[data-testid=user-role]").TextContent.Trim());
    }
}
