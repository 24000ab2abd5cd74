namespace PolicyDashboard.Web.Tests.Components.Fakes;

/// <summary>The seed's policy as a user would write it; tests that assert line numbers rely on this exact layout.</summary>
public static class SeedManifests
{
    public const string AllowRedis = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: allow-redis
          namespace: default
        spec:
          podSelector:
            matchLabels:
              role: db
          ingress:
          - from:
            - podSelector:
                matchLabels:
                  k8s-app: guestbook
        """;
}
