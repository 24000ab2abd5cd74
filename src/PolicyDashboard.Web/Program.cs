using Microsoft.Extensions.Options;
using MudBlazor.Services;
using PolicyDashboard.Web.Activity;
using PolicyDashboard.Web.Analysis;
using PolicyDashboard.Web.Api;
using PolicyDashboard.Web.Auth;
using PolicyDashboard.Web.Components;
using PolicyDashboard.Web.Hosting;
using PolicyDashboard.Web.Inventory;
using PolicyDashboard.Web.Metrics;
using Serilog;

LoggingSetup.CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddDashboardLogging();
    builder.AddClusterConnection();
    builder.Services.AddRazorComponents().AddInteractiveServerComponents();
    builder.Services.AddMudServices();
    builder.Services.AddInventoryUi();
    builder.Services.AddReachabilityAnalysis();
    builder.Services.AddPolicyActivity();
    builder.Services.AddDashboardApi();
    builder.AddDashboardAuth();
    builder.Services.AddDashboardMetrics();

    var app = builder.Build();
    if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseSerilogRequestLogging();
    app.UseDashboardHttpMetrics();
    app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
    app.UseDashboardAuth(); // forwarded headers, security headers, hub origin, authentication, authorization, antiforgery
    app.MapStaticAssets().AllowAnonymous(); // the app's own css/js: the no-access and signed-out pages need them
    app.MapDashboardAuthEndpoints();
    app.MapDashboardHealth();
    app.MapDashboardMetrics();
    app.MapDashboardApi();
    app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    Log.Fatal("Invalid configuration: {Problems}", string.Join(" ", ex.Failures));
    return 2;
}
catch (AggregateException ex) when (LoggingSetup.IsConfigurationError(ex))
{
    // Several option sections failed at start: report them all, each naming its key.
    Log.Fatal("Invalid configuration: {Problems}", string.Join(" ", ex.InnerExceptions.Select(e =>
        e is OptionsValidationException v ? string.Join(" ", v.Failures) : e.Message)));
    return 2;
}
catch (InvalidOperationException ex) when (LoggingSetup.IsConfigurationError(ex))
{
    // The configuration binder names the key and the expected type, e.g. Kubernetes:Mode is not one of the modes.
    Log.Fatal("Invalid configuration: {Problem}", ex.Message);
    return 2;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "Policy Dashboard stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
