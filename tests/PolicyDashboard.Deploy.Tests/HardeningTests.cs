using k8s.Models;

namespace PolicyDashboard.Deploy.Tests;

public sealed class HardeningTests
{
    public static TheoryData<string> Overlays => new(Kustomize.Overlays);

    private static V1Container Dashboard(Rendered rendered) =>
        Assert.Single(rendered.Single<V1Deployment>().Spec.Template.Spec.Containers);

    private static string? Env(V1Container container, string name) =>
        container.Env.SingleOrDefault(e => e.Name == name)?.Value;

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Deployment_SecurityContext_IsRestricted(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var pod = rendered.Single<V1Deployment>().Spec.Template.Spec;
        var container = Dashboard(rendered);

        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal(10001, pod.SecurityContext.RunAsUser);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.True(container.SecurityContext.RunAsNonRoot);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.NotEqual(true, container.SecurityContext.Privileged);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        Assert.Null(container.SecurityContext.Capabilities.Add);
        Assert.Equal("RuntimeDefault", container.SecurityContext.SeccompProfile.Type);
        Assert.NotEqual(true, pod.HostNetwork);
        Assert.NotEqual(true, pod.HostPID);

        var tmp = Assert.Single(container.VolumeMounts);
        Assert.Equal("/tmp", tmp.MountPath);
        Assert.NotNull(Assert.Single(pod.Volumes, v => v.Name == tmp.Name).EmptyDir);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Deployment_ProbesResourcesAndShutdown_AreSet(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var pod = rendered.Single<V1Deployment>().Spec.Template.Spec;
        var container = Dashboard(rendered);

        var port = Assert.Single(container.Ports);
        Assert.Equal(8080, port.ContainerPort);
        Assert.Equal("/healthz", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("/readyz", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal(port.Name, container.LivenessProbe.HttpGet.Port.Value);
        foreach (var resource in new[] { "cpu", "memory" })
        {
            Assert.True(container.Resources.Requests.ContainsKey(resource), $"request {resource}");
            Assert.True(container.Resources.Limits.ContainsKey(resource), $"limit {resource}");
        }

        Assert.NotNull(container.Lifecycle.PreStop.Sleep);
        Assert.True(pod.TerminationGracePeriodSeconds > container.Lifecycle.PreStop.Sleep.Seconds,
            "the grace period must outlast the preStop pause, or the app is killed before it drains");
        Assert.NotEmpty(pod.TopologySpreadConstraints);
        Assert.All(pod.TopologySpreadConstraints, c =>
            Assert.Equal(rendered.Single<V1Deployment>().Spec.Selector.MatchLabels, c.LabelSelector.MatchLabels));
    }

    [Fact]
    public void Base_ReplicasDisruptionBudgetAndConfiguration_FitAHighlyAvailableInClusterInstall()
    {
        var rendered = Kustomize.Render("base");
        var deployment = rendered.Single<V1Deployment>();
        var container = Dashboard(rendered);

        Assert.Equal(2, deployment.Spec.Replicas);
        Assert.Equal("1", rendered.Single<V1PodDisruptionBudget>().Spec.MinAvailable.Value);
        Assert.Equal("InCluster", Env(container, "Kubernetes__Mode"));
        Assert.Equal("OpenIdConnect", Env(container, "Auth__Mode"));
        Assert.Equal("latest", deployment.Spec.Template.Spec.Containers[0].Image.Split(':')[1]);
        foreach (var (env, key) in new[] { ("Authority", "authority"), ("ClientId", "client-id"), ("ClientSecret", "client-secret") })
        {
            var source = container.Env.Single(e => e.Name == $"Auth__OpenIdConnect__{env}").ValueFrom.SecretKeyRef;
            Assert.Equal(("policy-dashboard-oidc", key), (source.Name, source.Key));
        }

        var configMap = rendered.Single<V1ConfigMap>();
        foreach (var name in new[] { "Auth__AdminGroups__0", "Auth__AuditorGroups__0" })
        {
            var source = container.Env.Single(e => e.Name == name).ValueFrom.ConfigMapKeyRef;
            Assert.Equal(configMap.Metadata.Name, source.Name);
            Assert.True(configMap.Data.ContainsKey(source.Key), source.Key);
        }

        var service = rendered.Single<V1Service>();
        Assert.Equal("ClusterIP", service.Spec.Type);
        Assert.Equal(80, Assert.Single(service.Spec.Ports).Port);
        Assert.Equal(deployment.Spec.Template.Metadata.Labels["app.kubernetes.io/name"], service.Spec.Selector["app.kubernetes.io/name"]);

        var ingress = rendered.Single<V1Ingress>();
        Assert.Equal("nginx", ingress.Spec.IngressClassName);
        Assert.NotEmpty(Assert.Single(ingress.Spec.Tls).SecretName);
        Assert.Equal("cookie", ingress.Metadata.Annotations["nginx.ingress.kubernetes.io/affinity"]);
        Assert.True(int.Parse(ingress.Metadata.Annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600);
    }

    [Fact]
    public void ReadOnly_DisablesApply()
    {
        Assert.Equal("true", Env(Dashboard(Kustomize.Render("overlays/read-only")), "Dashboard__ReadOnly"));
        Assert.Null(Env(Dashboard(Kustomize.Render("base")), "Dashboard__ReadOnly"));
    }

    [Fact]
    public void Dev_OneReplicaOnTheDemoClusterStillSignedIn()
    {
        var rendered = Kustomize.Render("overlays/dev");
        var container = Dashboard(rendered);

        Assert.Equal(1, rendered.Single<V1Deployment>().Spec.Replicas);
        Assert.Equal("Demo", Env(container, "Kubernetes__Mode"));
        Assert.Equal("OpenIdConnect", Env(container, "Auth__Mode"));
        Assert.Equal("0", rendered.Single<V1PodDisruptionBudget>().Spec.MinAvailable.Value);
    }
}
