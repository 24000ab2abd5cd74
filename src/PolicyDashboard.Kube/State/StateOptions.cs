using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PolicyDashboard.Kube.Cluster;

namespace PolicyDashboard.Kube.State;

/// <summary>
/// The part of the <c>Dashboard</c> section that says where the dashboard keeps its own state (drafts, the activity
/// history, sessions, the data-protection key ring): ConfigMaps and one Secret in one namespace, written with the
/// dashboard's own credentials.
/// </summary>
public sealed class StateOptions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// <c>Dashboard:StateNamespace</c>. Unset: in cluster the pod's own namespace (the service-account directory's
    /// <c>namespace</c> file), in Demo mode <see cref="DemoNamespace"/> (the demo creates it), with a kubeconfig the
    /// context's namespace or <c>default</c>.
    /// </summary>
    public string? StateNamespace { get; set; }

    /// <summary>The namespace the demo cluster creates for the dashboard's state.</summary>
    public const string DemoNamespace = "policy-dashboard";
}

/// <summary>Checks <c>Dashboard:StateNamespace</c> at start: a namespace name, and one can be found in cluster.</summary>
public sealed partial class StateOptionsValidator(IOptions<KubernetesOptions> kubernetes) : IValidateOptions<StateOptions>
{
    public ValidateOptionsResult Validate(string? name, StateOptions options)
    {
        if (options.StateNamespace is { } ns)
            return IsNamespaceName(ns)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Dashboard:StateNamespace must be a namespace name (a lowercase RFC 1123 label of at most 63 characters); got '{ns}'.");
        var k = kubernetes.Value;
        if (k.Mode == KubernetesMode.InCluster && StateNamespace.ReadServiceAccountNamespace(k) is null)
            return ValidateOptionsResult.Fail(
                $"Dashboard:StateNamespace is not set and '{Path.Combine(k.ServiceAccountDirectory, "namespace")}' cannot be read: " +
                "set Dashboard:StateNamespace to the namespace the dashboard runs in.");
        return ValidateOptionsResult.Success;
    }

    public static bool IsNamespaceName(string s) => s.Length is > 0 and <= 63 && Label().IsMatch(s);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();
}
