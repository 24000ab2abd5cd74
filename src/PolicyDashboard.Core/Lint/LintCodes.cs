using System.Collections.Immutable;

namespace PolicyDashboard.Core.Lint;

/// <summary>A lint rule: its code, default severity and what it reports.</summary>
public sealed record LintRule(string Code, LintSeverity Severity, string Title);

/// <summary>The stable codes. Codes are never reused for another meaning.</summary>
public static class LintCodes
{
    public const string InvalidObject = "PD001";
    public const string SelectsNoPod = "PD002";
    public const string PeerMatchesNothing = "PD003";
    public const string EgressWithoutDns = "PD004";
    public const string AllowAll = "PD005";
    public const string NamespaceNotIsolated = "PD006";
    public const string Shadowed = "PD007";
    public const string NamedPortNotExposed = "PD008";
    public const string CniDependent = "PD009";
    public const string AdminProtocolUnsupported = "PD010";
    public const string AdminSamePriorityOverlap = "PD011";
    public const string AdminSelectorInvalid = "PD012";
    public const string CheckFailed = "PD999";

    public static readonly ImmutableArray<LintRule> All =
    [
        new(InvalidObject, LintSeverity.Error, "The API server would reject the object"),
        new(SelectsNoPod, LintSeverity.Warning, "The policy selects no pod"),
        new(PeerMatchesNothing, LintSeverity.Warning, "A peer matches no pod, namespace or node"),
        new(EgressWithoutDns, LintSeverity.Warning, "Egress isolation without a DNS allowance"),
        new(AllowAll, LintSeverity.Warning, "A rule allows all sources or destinations"),
        new(NamespaceNotIsolated, LintSeverity.Warning, "A namespace with pods has no isolation"),
        new(Shadowed, LintSeverity.Warning, "A policy or rule is fully shadowed by others"),
        new(NamedPortNotExposed, LintSeverity.Warning, "A named port no selected pod exposes"),
        new(CniDependent, LintSeverity.Info, "Enforcement differs between network plugins"),
        new(AdminProtocolUnsupported, LintSeverity.Warning, "An admin-tier port names a protocol other than TCP, UDP or SCTP"),
        new(AdminSamePriorityOverlap, LintSeverity.Warning, "Admin-tier policies with the same priority select the same pods"),
        new(AdminSelectorInvalid, LintSeverity.Error, "An admin-tier selector is not a valid label selector"),
        new(CheckFailed, LintSeverity.Error, "A lint check could not complete"),
    ];
}
