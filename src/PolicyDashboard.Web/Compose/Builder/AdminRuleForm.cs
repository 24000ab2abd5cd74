using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Compose.Builder;

/// <summary>
/// One admin-tier rule being built: a name, the action (Allow/Deny/Pass; ClusterNetworkPolicy says Accept for Allow),
/// its peers and ports. No port means every port: the ports field is then left out.
/// </summary>
public sealed class AdminRuleForm
{
    public string Name { get; set; } = "";
    public string Action { get; set; } = "Allow";
    public List<AdminPeerForm> Peers { get; } = [];
    public List<AdminPortForm> Ports { get; } = [];

    public AdminRule ToRule(string path, string portsField, IList<FormError> errors)
    {
        var ports = Ports.Select((p, i) => p.ToPort($"{path}.{portsField}[{i}]", errors)).OfType<AdminPort>().ToImmutableArray();
        return new AdminRule(string.IsNullOrWhiteSpace(Name) ? null : Name.Trim(), Action, [.. Peers.Select(p => p.ToPeer())], Ports.Count == 0 ? null : ports);
    }

    public static AdminRuleForm From(AdminRule rule)
    {
        var form = new AdminRuleForm { Name = rule.Name ?? "", Action = rule.Action };
        if (!rule.Peers.IsDefault) form.Peers.AddRange(rule.Peers.Select(AdminPeerForm.From));
        if (rule.Ports is { IsDefault: false } ports) form.Ports.AddRange(ports.Select(AdminPortForm.From));
        return form;
    }
}
