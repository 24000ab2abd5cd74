using k8s.Models;

namespace PolicyDashboard.Deploy.Tests;

public sealed class RbacTests
{
    [Fact]
    public void StateRole_NoWatchPatchOrSecretsBeyondTheKeyRing()
    {
        var role = Kustomize.Render("base").Single<V1Role>();

        var secrets = Assert.Single(role.Rules, r => r.Resources.Contains("secrets"));
        var configMaps = Assert.Single(role.Rules, r => r.Resources.Contains("configmaps"));
        Assert.Equal(["policy-dashboard-keys"], secrets.ResourceNames);
        Assert.DoesNotContain("list", secrets.Verbs);
        Assert.DoesNotContain("watch", configMaps.Verbs);
        Assert.DoesNotContain("patch", configMaps.Verbs);
        Assert.DoesNotContain("deletecollection", configMaps.Verbs);
    }

    private static readonly string[] ReadVerbs = ["get", "list", "watch"];

    private static readonly string[] ReadResources =
    [
        "/namespaces", "/pods", "/services", "/nodes",
        "discovery.k8s.io/endpointslices",
        "networking.k8s.io/ingresses", "networking.k8s.io/networkpolicies",
        "policy.networking.k8s.io/adminnetworkpolicies", "policy.networking.k8s.io/baselineadminnetworkpolicies",
        "policy.networking.k8s.io/clusternetworkpolicies",
    ];

    public static TheoryData<string> Overlays => new(Kustomize.Overlays);

    /// <summary>Every grant the service account gets, one line per group/resource/name/verb.</summary>
    private static SortedSet<string> Grants(Rendered rendered)
    {
        var grants = new SortedSet<string>(StringComparer.Ordinal);
        var roles = rendered.OfType<V1ClusterRole>().Select(r => (Scope: "cluster", r.Rules))
            .Concat(rendered.OfType<V1Role>().Select(r => (Scope: r.Metadata.NamespaceProperty, r.Rules)));
        foreach (var (scope, rules) in roles)
        foreach (var rule in rules)
        {
            Assert.Null(rule.NonResourceURLs);
            foreach (var group in rule.ApiGroups)
            foreach (var resource in rule.Resources)
            foreach (var verb in rule.Verbs)
            foreach (var name in rule.ResourceNames?.Count > 0 ? rule.ResourceNames : ["*"])
                grants.Add($"{scope} {group}/{resource} {name} {verb}");
        }

        return grants;
    }

    private static SortedSet<string> Expected(bool impersonate)
    {
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var resource in ReadResources)
        foreach (var verb in ReadVerbs)
            expected.Add($"cluster {resource} * {verb}");
        expected.Add("cluster authorization.k8s.io/selfsubjectaccessreviews * create");
        if (impersonate)
        {
            expected.Add("cluster /users * impersonate");
            expected.Add("cluster /groups * impersonate");
        }

        expected.Add("policy-dashboard /secrets policy-dashboard-keys get");
        expected.Add("policy-dashboard /secrets policy-dashboard-keys update");
        foreach (var verb in new[] { "get", "list", "create", "update", "delete" })
            expected.Add($"policy-dashboard /configmaps * {verb}");
        return expected;
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void ServiceAccount_Grants_AreExactlyReadsReviewsImpersonationTheKeySecretAndStateConfigMaps(string overlay)
    {
        var rendered = Kustomize.Render(overlay);

        Assert.Equal(Expected(impersonate: overlay != "overlays/read-only"), Grants(rendered));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Bindings_ReferenceOnlyOwnRoles_NeverClusterAdminOrWildcards(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var clusterRoles = rendered.OfType<V1ClusterRole>().Select(r => r.Metadata.Name).ToHashSet();
        var roles = rendered.OfType<V1Role>().Select(r => r.Metadata.Name).ToHashSet();
        var serviceAccount = rendered.Single<V1ServiceAccount>();

        var clusterBinding = rendered.Single<V1ClusterRoleBinding>();
        Assert.Equal("ClusterRole", clusterBinding.RoleRef.Kind);
        Assert.Contains(clusterBinding.RoleRef.Name, clusterRoles);
        var binding = rendered.Single<V1RoleBinding>();
        Assert.Equal("Role", binding.RoleRef.Kind);
        Assert.Contains(binding.RoleRef.Name, roles);
        foreach (var subject in clusterBinding.Subjects.Concat(binding.Subjects))
        {
            Assert.Equal("ServiceAccount", subject.Kind);
            Assert.Equal(serviceAccount.Metadata.Name, subject.Name);
            Assert.Equal(serviceAccount.Metadata.NamespaceProperty, subject.NamespaceProperty);
        }

        Assert.DoesNotContain(rendered.OfType<V1ClusterRole>(), r => r.Metadata.Name is "cluster-admin" or "admin" or "edit");
        Assert.All(Grants(rendered), g => Assert.DoesNotContain("*", g.Split(' ')[1] + " " + g.Split(' ')[3]));
        // Names are only unrestricted for the dashboard's own state ConfigMaps, in its own namespace.
        Assert.All(Grants(rendered).Where(g => g.Split(' ')[2] == "*" && !g.StartsWith("cluster ", StringComparison.Ordinal)),
            g => Assert.StartsWith($"{serviceAccount.Metadata.NamespaceProperty} /configmaps ", g, StringComparison.Ordinal));
    }

    [Fact]
    public void Deployment_RunsAsTheBoundServiceAccount()
    {
        var rendered = Kustomize.Render("base");

        Assert.Equal(rendered.Single<V1ServiceAccount>().Metadata.Name, rendered.Single<V1Deployment>().Spec.Template.Spec.ServiceAccountName);
    }

    [Fact]
    public void KeyRingSecret_IsShippedUnderTheOneNameTheRoleGrants()
    {
        var rendered = Kustomize.Render("base");
        var role = rendered.Single<V1Role>();
        var secret = rendered.Single<V1Secret>();

        Assert.Equal([secret.Metadata.Name], Assert.Single(role.Rules, r => r.Resources.Contains("secrets")).ResourceNames);
        Assert.Equal(secret.Metadata.NamespaceProperty, role.Metadata.NamespaceProperty);
        Assert.Null(secret.Data);
    }
}
