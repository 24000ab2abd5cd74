using System.CommandLine;
using PolicyDashboard.Cli.Input;

namespace PolicyDashboard.Cli.Commands;

/// <summary>Options shared by several commands; each command gets its own instances.</summary>
internal static class CommonOptions
{
    public const string ManifestsHelp =
        "A manifest file or directory (YAML or JSON; multi-document; kind: List; directories are read recursively, " +
        "*.yaml, *.yml and *.json). Repeatable.";

    public static Option<string[]> Manifests(string name = "--manifests", string? alias = "-m", string description = ManifestsHelp)
    {
        var option = alias is null ? new Option<string[]>(name) : new Option<string[]>(name, alias);
        option.Description = description;
        option.Required = true;
        option.Arity = ArgumentArity.OneOrMore;
        option.HelpName = "file|dir";
        return option;
    }

    public static Option<string> Output(string description, params string[] formats)
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = description,
            DefaultValueFactory = _ => formats[0],
            HelpName = string.Join("|", formats),
        };
        return OneOf(option, formats);
    }

    public static Option<bool> Timings() => new("--timings")
    {
        Description = "Print one line per phase to stderr: 'timing <phase> <milliseconds> ms' (e.g. load, validate, compile, compute, render).",
    };

    public const string FastEngine = "fast";
    public const string ReferenceEngine = "reference";

    /// <summary>
    /// --engine without a default: commands choose per mode (the fast engine pays off for whole-cluster results; a
    /// handful of single queries are answered directly by the reference evaluator).
    /// </summary>
    public static Option<string?> Engine(string defaults)
    {
        var option = new Option<string?>("--engine")
        {
            Description = "Reachability engine: 'fast' (equivalence classes and bitsets) or 'reference' (per pair, per policy; " +
                          "the oracle). Both give the same verdicts. Default: " + defaults + ".",
            HelpName = "fast|reference",
        };
        return OneOf(option, FastEngine, ReferenceEngine);
    }

    /// <summary>Restricts an option to fixed values, with a message that names the option and the allowed values.</summary>
    public static Option<T> OneOf<T>(Option<T> option, params string[] allowed)
    {
        option.CompletionSources.Add(allowed);
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
                result.AddError($"{option.Name}: '{value}' is not supported (expected one of: {string.Join(", ", allowed)})");
        });
        return option;
    }

    public static Option<string> Endpoint(string name, string description)
    {
        var option = new Option<string>(name) { Description = description, Required = true, HelpName = "namespace/pod|ip:ADDRESS" };
        option.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (!EndpointSpec.TryParse(text, out _, out var error))
                result.AddError($"{name}: {error}");
        });
        return option;
    }
}
