using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Compose.Builder;

/// <summary>
/// One ingress or egress rule being built: no peer means every source (ingress) or destination (egress), including
/// addresses outside the cluster; no port means every port (NetworkPolicyIngressRule / NetworkPolicyEgressRule).
/// </summary>
public sealed class RuleForm
{
    public List<PeerForm> Peers { get; } = [];
    public List<PortForm> Ports { get; } = [];

    public NetworkPolicyRule ToRule(string path, IList<FormError> errors) =>
        new([.. Peers.Select(p => p.ToPeer())], [.. Ports.Select((p, i) => p.ToPort($"{path}.ports[{i}]", errors))]);

    public static RuleForm From(NetworkPolicyRule rule)
    {
        var form = new RuleForm();
        if (!rule.Peers.IsDefault) form.Peers.AddRange(rule.Peers.Select(PeerForm.From));
        if (!rule.Ports.IsDefault) form.Ports.AddRange(rule.Ports.Select(PortForm.From));
        return form;
    }

    public RuleForm Copy()
    {
        var copy = new RuleForm();
        copy.Peers.AddRange(Peers.Select(p => p.Copy()));
        copy.Ports.AddRange(Ports.Select(p => p.Copy()));
        return copy;
    }
}
