using System.Collections.Immutable;
using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>A policy of an admin or baseline tier that selects a class, with the priority it is ordered by.</summary>
public readonly record struct TierMember(int Priority, PolicyRef Policy)
{
    internal static readonly Comparison<TierMember> Order = (a, b) =>
    {
        var c = a.Priority.CompareTo(b.Priority);
        if (c == 0) c = a.Policy.Kind.CompareTo(b.Policy.Kind);
        return c != 0 ? c : string.CompareOrdinal(a.Policy.Name, b.Policy.Name);
    };
}

/// <summary>
/// Everything that decides one direction (ingress or egress) for the pods of one class, in evaluation order:
/// admin-tier rules by ascending priority then rule order, the NetworkPolicies isolating the class and their
/// rules, then baseline-tier rules — and, for explanations, which policies of each tier select the class.
/// Classes with identical programs share one instance.
/// </summary>
public sealed class DirectionProgram
{
    public static readonly DirectionProgram Open = new([], [], [], [], [], []);

    internal DirectionProgram(
        ImmutableArray<FastRule> admin, ImmutableArray<TierMember> adminPolicies,
        ImmutableArray<PolicyRef> isolatedBy, ImmutableArray<FastRule> networkPolicy,
        ImmutableArray<FastRule> baseline, ImmutableArray<TierMember> baselinePolicies)
    {
        Admin = admin;
        AdminPolicies = adminPolicies;
        IsolatedBy = isolatedBy;
        NetworkPolicy = networkPolicy;
        Baseline = baseline;
        BaselinePolicies = baselinePolicies;
    }

    public ImmutableArray<FastRule> Admin { get; }
    /// <summary>Admin-tier policies selecting the class (whether or not they have rules for this direction), in order.</summary>
    public ImmutableArray<TierMember> AdminPolicies { get; }
    /// <summary>"A pod is isolated for a direction if there is any NetworkPolicy that both selects the pod and has that direction in its policyTypes."</summary>
    public ImmutableArray<PolicyRef> IsolatedBy { get; }
    public bool Isolated => !IsolatedBy.IsEmpty;
    public ImmutableArray<FastRule> NetworkPolicy { get; }
    public ImmutableArray<FastRule> Baseline { get; }
    public ImmutableArray<TierMember> BaselinePolicies { get; }
    public bool IsOpen => AdminPolicies.IsEmpty && IsolatedBy.IsEmpty && BaselinePolicies.IsEmpty;

    /// <summary>Identity of the content, for sharing one instance among classes (rules and policies compared by reference).</summary>
    internal sealed class ContentComparer : IEqualityComparer<DirectionProgram>
    {
        public static readonly ContentComparer Instance = new();

        public bool Equals(DirectionProgram? x, DirectionProgram? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null &&
            Same(x.Admin, y.Admin) && Same(x.NetworkPolicy, y.NetworkPolicy) && Same(x.Baseline, y.Baseline) &&
            Same(x.IsolatedBy, y.IsolatedBy) &&
            x.AdminPolicies.Select(m => m.Policy).SequenceEqual(y.AdminPolicies.Select(m => m.Policy), ReferenceEqualityComparer.Instance) &&
            x.BaselinePolicies.Select(m => m.Policy).SequenceEqual(y.BaselinePolicies.Select(m => m.Policy), ReferenceEqualityComparer.Instance));

        private static bool Same<T>(ImmutableArray<T> a, ImmutableArray<T> b) where T : class
        {
            if (a.Length != b.Length) return false;
            for (var i = 0; i < a.Length; i++) if (!ReferenceEquals(a[i], b[i])) return false;
            return true;
        }

        public int GetHashCode(DirectionProgram p)
        {
            var h = new HashCode();
            foreach (var r in p.Admin) h.Add(r.Id);
            foreach (var r in p.NetworkPolicy) h.Add(r.Id);
            foreach (var r in p.Baseline) h.Add(r.Id);
            foreach (var r in p.IsolatedBy) h.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(r));
            foreach (var m in p.AdminPolicies) h.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(m.Policy));
            foreach (var m in p.BaselinePolicies) h.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(m.Policy));
            return h.ToHashCode();
        }
    }

    internal static DirectionProgram Create(Builder b)
    {
        if (b.AdminPolicies.Count == 0 && b.IsolatedBy.Count == 0 && b.BaselinePolicies.Count == 0) return Open;
        b.Admin.Sort(FastRule.EvaluationOrder);
        b.Np.Sort(FastRule.EvaluationOrder);
        b.Baseline.Sort(FastRule.EvaluationOrder);
        b.AdminPolicies.Sort(TierMember.Order);
        b.BaselinePolicies.Sort(TierMember.Order);
        // NetworkPolicies are listed as the reference lists them: by namespace, then name.
        b.IsolatedBy.Sort((x, y) => string.CompareOrdinal(x.Name, y.Name));
        return new DirectionProgram([.. b.Admin], [.. b.AdminPolicies], [.. b.IsolatedBy], [.. b.Np], [.. b.Baseline], [.. b.BaselinePolicies]);
    }

    /// <summary>A builder holding this program's content, for an incremental change.</summary>
    internal Builder ToBuilder(string? withoutPolicy)
    {
        var b = new Builder();
        bool Keep(PolicyRef p) => withoutPolicy is null || PolicyCompiler.IdOf(p) != withoutPolicy;
        b.Admin.AddRange(Admin.Where(r => Keep(r.Policy)));
        b.AdminPolicies.AddRange(AdminPolicies.Where(p => Keep(p.Policy)));
        b.IsolatedBy.AddRange(IsolatedBy.Where(Keep));
        b.Np.AddRange(NetworkPolicy.Where(r => Keep(r.Policy)));
        b.Baseline.AddRange(Baseline.Where(r => Keep(r.Policy)));
        b.BaselinePolicies.AddRange(BaselinePolicies.Where(p => Keep(p.Policy)));
        return b;
    }

    internal sealed class Builder
    {
        public readonly List<FastRule> Admin = [];
        public readonly List<TierMember> AdminPolicies = [];
        public readonly List<PolicyRef> IsolatedBy = [];
        public readonly List<FastRule> Np = [];
        public readonly List<FastRule> Baseline = [];
        public readonly List<TierMember> BaselinePolicies = [];

        /// <summary>Adds what one policy selecting the class contributes to one direction.</summary>
        public void Add(CompiledFastPolicy policy, Direction direction)
        {
            var rules = direction == Direction.Ingress ? policy.Ingress : policy.Egress;
            switch (policy.Ref.Tier)
            {
                case PolicyTier.Admin:
                    AdminPolicies.Add(new TierMember(policy.Priority, policy.Ref));
                    Admin.AddRange(rules);
                    break;
                case PolicyTier.Baseline:
                    BaselinePolicies.Add(new TierMember(policy.Priority, policy.Ref));
                    Baseline.AddRange(rules);
                    break;
                default:
                    if (direction == Direction.Ingress ? policy.IsolatesIngress : policy.IsolatesEgress)
                    {
                        IsolatedBy.Add(policy.Ref);
                        Np.AddRange(rules);
                    }
                    break;
            }
        }
    }
}
