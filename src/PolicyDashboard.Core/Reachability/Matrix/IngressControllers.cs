using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Reachability.Matrix;

/// <summary>
/// Finds the ingress controller's pods by the labels the common controllers' official charts and manifests set
/// (ingress-nginx, the NGINX Inc. controller, Traefik, HAProxy, Contour/Envoy, Kong, Emissary): the
/// <c>app.kubernetes.io/name</c> label (or the older <c>app</c> / <c>app.kubernetes.io/instance</c>), and for charts that
/// also ship other components, <c>app.kubernetes.io/component=controller</c> when present.
/// </summary>
public static class IngressControllers
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "ingress-nginx", "nginx-ingress", "traefik", "haproxy-ingress", "kubernetes-ingress", "contour", "envoy", "kong", "emissary-ingress",
    };

    public static bool IsController(PodInfo pod)
    {
        var labels = pod.Labels;
        var name = labels.GetValueOrDefault("app.kubernetes.io/name") ?? labels.GetValueOrDefault("app") ?? labels.GetValueOrDefault("app.kubernetes.io/instance");
        if (name is null || !Names.Contains(name)) return false;
        var component = labels.GetValueOrDefault("app.kubernetes.io/component");
        return component is null || component == "controller" || component == "envoy";
    }

    public static IReadOnlyList<PodInfo> Of(ClusterSnapshot snapshot) =>
        [.. snapshot.Pods.Values.Where(IsController).OrderBy(p => p.Key.ToString(), StringComparer.Ordinal)];
}
