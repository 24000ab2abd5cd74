namespace PolicyDashboard.Sandbox;

/// <summary>A kubeconfig for the sandbox: one plain-HTTP cluster, one context, a user without credentials.</summary>
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
            user: {{Name}}
            namespace: default
        current-context: {{Name}}
        users:
        - name: {{Name}}
          user: {}
        preferences: {}

        """;
}
