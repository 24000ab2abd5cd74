using System.Reflection;

namespace PolicyDashboard.Web.Auth;

/// <summary>
/// Marks a service method or HTTP endpoint handler that changes the cluster or shared state (apply, delete, dry-run,
/// drafts). Such a method calls <see cref="IMutationGuard.EnsureAdmin"/> first. Tests enumerate every marked method
/// with <see cref="MutatingRegistry"/> and call each as an auditor, so a new write path cannot be forgotten.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true, AllowMultiple = false)]
public sealed class MutatingAttribute(string action) : Attribute
{
    /// <summary>What the method does, for logs and refusal messages (e.g. "apply network policy").</summary>
    public string Action { get; } = action;
}

/// <summary>Finds the methods marked <see cref="MutatingAttribute"/>.</summary>
public static class MutatingRegistry
{
    public static IReadOnlyList<MethodInfo> FindMutatingMethods(params Assembly[] assemblies) =>
        assemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance |
                                          BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.IsDefined(typeof(MutatingAttribute), inherit: true))
            .OrderBy(m => m.DeclaringType?.FullName, StringComparer.Ordinal)
            .ThenBy(m => m.Name, StringComparer.Ordinal)
            .ToArray();
}
