namespace PolicyDashboard.Kube.State;

/// <summary>
/// Which core kind holds a state document. ConfigMaps for everything whose contents the dashboard may show to the
/// people who read its namespace; a Secret only for the data-protection key ring, the one piece that is a secret.
/// </summary>
public enum StateKind
{
    ConfigMap,
    Secret,
}
