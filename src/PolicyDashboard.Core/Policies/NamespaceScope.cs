using PolicyDashboard.Core.Selectors;

namespace PolicyDashboard.Core.Policies;

/// <summary>Which namespaces a pod peer or subject may be in.</summary>
public abstract record NamespaceScope
{
    private NamespaceScope() { }

    public abstract bool Matches(string @namespace, Model.Labels namespaceLabels);

    /// <summary>
    /// NetworkPolicyPeer with podSelector and no namespaceSelector: "selects the Pods matching podSelector in the
    /// policy's own namespace".
    /// </summary>
    public sealed record Same(string Namespace) : NamespaceScope
    {
        public override bool Matches(string @namespace, Model.Labels namespaceLabels) => string.Equals(@namespace, Namespace, StringComparison.Ordinal);
        public override string ToString() => $"namespace {Namespace}";
    }

    /// <summary>namespaceSelector: namespaces whose labels match; <c>{}</c> is every namespace.</summary>
    public sealed record Selected(CompiledSelector Selector) : NamespaceScope
    {
        public override bool Matches(string @namespace, Model.Labels namespaceLabels) => Selector.Matches(namespaceLabels);
        public override string ToString() => Selector.MatchesEverything ? "all namespaces" : $"namespaces [{Selector}]";
    }
}
