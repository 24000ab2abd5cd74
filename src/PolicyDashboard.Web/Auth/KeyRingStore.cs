namespace PolicyDashboard.Web.Auth;

/// <summary>Where the data-protection key ring is kept (<c>DataProtection:Store</c>).</summary>
public enum KeyRingStore
{
    /// <summary>A folder (<c>DataProtection:KeyDirectory</c>): one instance, or replicas sharing a volume.</summary>
    Directory,

    /// <summary>
    /// A Kubernetes Secret in the state namespace (<c>DataProtection:SecretName</c>), read and updated with the
    /// dashboard's own credentials: every replica and every restart uses the same keys, and sessions are then kept in
    /// the cluster as well (<see cref="ClusterSessionCache"/>).
    /// </summary>
    Secret,
}
