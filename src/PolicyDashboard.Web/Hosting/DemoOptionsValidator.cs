using Microsoft.Extensions.Options;

namespace PolicyDashboard.Web.Hosting;

/// <summary>Start-up validation of <c>Demo:*</c>; every message names the key and the allowed values.</summary>
public sealed class DemoOptionsValidator : IValidateOptions<DemoOptions>
{
    internal static readonly string[] Scenarios = ["demo", "scale", "empty"];

    public ValidateOptionsResult Validate(string? name, DemoOptions options)
    {
        var errors = new List<string>();
        if (!Scenarios.Contains(options.Scenario, StringComparer.OrdinalIgnoreCase))
            errors.Add($"Demo:Scenario is '{options.Scenario}'; allowed values: {string.Join(", ", Scenarios)}.");
        if (options.ApiPort is < 0 or > 65535)
            errors.Add($"Demo:ApiPort is {options.ApiPort}; it must be 0 (pick a free port) or 1-65535.");
        if (options.Scale.Namespaces < 1)
            errors.Add($"Demo:Scale:Namespaces is {options.Scale.Namespaces}; it must be at least 1.");
        if (options.Scale.Pods < 0)
            errors.Add($"Demo:Scale:Pods is {options.Scale.Pods}; it must not be negative.");
        if (options.Scale.Policies < 0)
            errors.Add($"Demo:Scale:Policies is {options.Scale.Policies}; it must not be negative.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
