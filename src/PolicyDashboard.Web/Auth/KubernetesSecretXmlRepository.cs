using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using PolicyDashboard.Kube.State;

namespace PolicyDashboard.Web.Auth;

/// <summary>
/// The data-protection key ring in one Kubernetes Secret (<c>DataProtection:SecretName</c> in the state namespace):
/// one <c>data</c> entry per key-ring element (<c>key-&lt;id&gt;.xml</c>, <c>revocation-…xml</c>), so replicas and
/// restarts read the same keys. A new key is added with a read-modify-write at the Secret's resourceVersion (re-read
/// on a conflict), so two replicas creating keys at once keep both. Requests use the dashboard's own credentials; the
/// install grants get and update on this one Secret, shipped empty (a missing Secret is created, which needs create).
/// <para>
/// <see cref="IXmlRepository"/> is synchronous; data protection calls it when it loads or rotates the key ring
/// (at first use, then about once a day), not per request, so the blocking calls are rare.
/// </para>
/// </summary>
public sealed partial class KubernetesSecretXmlRepository(IStateStore store, string secretName) : IXmlRepository
{
    public const string DocumentKind = "keys";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var secret = store.GetAsync(StateKind.Secret, secretName, CancellationToken.None).GetAwaiter().GetResult();
        if (secret is null) return [];
        return secret.Data
            .Where(e => e.Key.EndsWith(".xml", StringComparison.Ordinal))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => XElement.Parse(Encoding.UTF8.GetString(e.Value)))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var entry = EntryName(friendlyName);
        var bytes = Encoding.UTF8.GetBytes(element.ToString(SaveOptions.DisableFormatting));
        store.UpdateAsync(StateKind.Secret, secretName, current =>
        {
            var secret = current ?? StateDocument.New(secretName, DocumentKind);
            var name = entry;
            for (var i = 1; secret.Data.ContainsKey(name); i++) name = $"{Path.GetFileNameWithoutExtension(entry)}-{i}.xml";
            return secret with { Data = secret.Data.SetItem(name, bytes) };
        }, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>A valid Secret data key (<c>[-._a-zA-Z0-9]+</c>) from the friendly name data protection gives (<c>key-{guid}</c>).</summary>
    internal static string EntryName(string? friendlyName)
    {
        var safe = Unsafe().Replace(friendlyName ?? "", "-").Trim('.');
        return (safe.Length == 0 ? Guid.NewGuid().ToString("N") : safe[..Math.Min(safe.Length, 200)]) + ".xml";
    }

    [GeneratedRegex("[^-_a-zA-Z0-9.]")]
    private static partial Regex Unsafe();
}
