using Microsoft.Extensions.Options;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.Writes;

namespace PolicyDashboard.Web.Auth;

/// <summary>Registers acting as the user toward Kubernetes: the identity resolver, the user's writer, access reviews.</summary>
public static partial class ActingAsUserSetup
{
    internal const string ClusterWriterKey = "policy-dashboard:cluster-writer";

    /// <summary>
    /// Call after the cluster layer is registered: the cluster's <see cref="IPolicyWriter"/> (whatever it is) moves
    /// behind a key, and <see cref="IPolicyWriter"/> becomes the scoped <see cref="ActingUserPolicyWriter"/>, so no
    /// component can write with the dashboard's own identity by accident.
    /// </summary>
    public static IServiceCollection AddActingAsUser(this IServiceCollection services)
    {
        services.AddSingleton<KubernetesIdentityResolver>();
        services.AddHostedService<KubernetesIdentityNotice>();
        services.AddScoped<IPolicyAccess, PolicyAccessService>();

        // Either order works: a writer registered earlier is wrapped; otherwise the cluster layer's own writer is
        // created here, and its later TryAdd finds IPolicyWriter taken.
        var original = services.LastOrDefault(d => d.ServiceType == typeof(IPolicyWriter) && !d.IsKeyedService);
        if (original is not null) services.Remove(original);
        services.AddKeyedSingleton<IPolicyWriter>(ClusterWriterKey, (sp, _) =>
            original is null
                ? ActivatorUtilities.CreateInstance<PolicyWriter>(sp)
                : (IPolicyWriter)(original.ImplementationInstance
                                  ?? original.ImplementationFactory?.Invoke(sp)
                                  ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)));
        services.AddScoped<IPolicyWriter>(sp => new ActingUserPolicyWriter(
            sp.GetRequiredKeyedService<IPolicyWriter>(ClusterWriterKey),
            sp.GetRequiredService<IMutationGuard>(),
            sp.GetRequiredService<ICurrentUser>(),
            sp.GetRequiredService<KubernetesIdentityResolver>()));
        return services;
    }

    /// <summary>Says at start whom writes act as; the opt-out is a warning.</summary>
    private sealed partial class KubernetesIdentityNotice(IOptions<KubernetesOptions> options, ILogger<KubernetesIdentityNotice> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.Value.Identity == KubernetesIdentity.ServiceAccount) LogServiceAccount();
            else LogImpersonate();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(EventId = 6202, Level = LogLevel.Information,
            Message = "Kubernetes:Identity is Impersonate: changes are made as the signed-in user (Impersonate-User/Impersonate-Group)")]
        private partial void LogImpersonate();

        [LoggerMessage(EventId = 6203, Level = LogLevel.Warning,
            Message = "Kubernetes:Identity is ServiceAccount: changes are made with the dashboard's own credentials; Kubernetes RBAC and audit see the dashboard, not the person")]
        private partial void LogServiceAccount();
    }
}
