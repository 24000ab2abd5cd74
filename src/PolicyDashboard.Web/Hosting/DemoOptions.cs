namespace PolicyDashboard.Web.Hosting;

/// <summary>Settings of the embedded demo cluster (<c>Demo:*</c>), used when <c>Kubernetes:Mode</c> is Demo.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary><c>Demo:Scenario</c>: demo (the Guestbook story), scale (generated), or empty.</summary>
    public string Scenario { get; set; } = "demo";

    /// <summary><c>Demo:ApiPort</c>: loopback port of the embedded API server; 0 picks a free one.</summary>
    public int ApiPort { get; set; }

    /// <summary><c>Demo:KubeconfigPath</c>: where the kubeconfig for kubectl is written; empty = the temp folder.</summary>
    public string? KubeconfigPath { get; set; }

    /// <summary><c>Demo:Scale:*</c>: size of the generated scale scenario.</summary>
    public DemoScaleOptions Scale { get; set; } = new();

    public string EffectiveKubeconfigPath =>
        string.IsNullOrWhiteSpace(KubeconfigPath)
            ? Path.Combine(Path.GetTempPath(), "policy-dashboard", $"demo-{Environment.ProcessId}.kubeconfig")
            : KubeconfigPath;
}

public sealed class DemoScaleOptions
{
    public int Namespaces { get; set; } = 200;
    public int Pods { get; set; } = 10_000;
    public int Policies { get; set; } = 2_000;
    public int Seed { get; set; } = 1;
}
