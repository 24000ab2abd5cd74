using Serilog;
using Serilog.Formatting.Compact;

namespace PolicyDashboard.Web.Hosting;

/// <summary>
/// Serilog in two stages: a bootstrap logger catches start-up failures before configuration is read, then the
/// host's logger reads <c>Serilog:*</c> configuration. Readable console in Development, compact JSON otherwise
/// (what log collectors in a cluster parse).
/// </summary>
public static class LoggingSetup
{
    public static void CreateBootstrapLogger()
    {
        if (Log.Logger is Serilog.Core.Logger or Serilog.Extensions.Hosting.ReloadableLogger) return;
        Log.Logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.Console()
            .CreateBootstrapLogger();
    }

    public static bool IsConfigurationError(Exception? exception) => exception switch
    {
        Microsoft.Extensions.Options.OptionsValidationException => true,
        InvalidOperationException e => e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal),
        // Start-up validation of several option sections failing together.
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsConfigurationError),
        _ => false,
    };

    public static WebApplicationBuilder AddDashboardLogging(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddSerilog((services, configuration) =>
        {
            configuration
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", Serilog.Events.LogEventLevel.Information)
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                // Program reports invalid configuration itself, naming the key; the host's own "failed to start"
                // entry would repeat it with a stack trace.
                .Filter.ByExcluding(e => IsConfigurationError(e.Exception));
            if (development)
                configuration.WriteTo.Console(outputTemplate:
                    "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
            else
                configuration.WriteTo.Console(new RenderedCompactJsonFormatter());
        }, preserveStaticLogger: true);
        return builder;
    }
}
