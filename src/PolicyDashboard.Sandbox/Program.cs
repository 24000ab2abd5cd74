namespace PolicyDashboard.Sandbox;

internal static class SandboxProgram
{
    public static int Main(string[] args) => 0;
}
