namespace PolicyDashboard.Sandbox;

/// <summary>A kubeconfig for the sandbox: one plain-HTTP cluster, one context and no user: the sandbox asks for no credentials (a context without a user is anonymous to
/// kubectl and KubernetesClient alike; an empty user entry would make KubernetesClient refuse the file).</summary>
internal static class Kubeconfig
{
    public const string Name = "policydashboard-sandbox";

    public static string Render(Uri server) => $$"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {{Name}}
          cluster:
            server: {{server.GetLeftPart(UriPartial.Authority)}}
        contexts:
        - name: {{Name}}
          context:
            cluster: {{Name}}
            namespace: default
        current-context: {{Name}}
        users: []
        preferences: {}

        """;
}
