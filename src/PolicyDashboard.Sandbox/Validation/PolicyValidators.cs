using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Validation;
using PolicyDashboard.Kube.Convert;
using PolicyDashboard.Sandbox.Http;
using PolicyDashboard.Sandbox.Kinds;
using ResourceKind = PolicyDashboard.Sandbox.Kinds.ResourceKind;
using ResourceKinds = PolicyDashboard.Sandbox.Kinds.ResourceKinds;

namespace PolicyDashboard.Sandbox.Validation;

/// <summary>
/// The validation the apiserver runs for each kind: the policy kinds through the product's own validator
/// (<see cref="PolicyValidator"/>, which checks metadata too), every other kind through <see cref="MetadataValidation"/>.
/// </summary>
internal sealed class PolicyValidators : IObjectValidator
{
    public static readonly PolicyValidators Default = new();

    public bool ValidatesMetadata(ResourceKind kind) => IsPolicy(kind);

    private static bool IsPolicy(ResourceKind kind) =>
        kind == ResourceKinds.NetworkPolicy || AdminPolicyConverter.TryParseKind(kind.Kind, out _);

    public IEnumerable<FieldError> Validate(ResourceKind kind, JsonObject obj)
    {
        if (kind == ResourceKinds.ConfigMap) return MetadataValidation.Validate(kind, obj).Concat(DataValidation.ConfigMap(obj)).ToList();
        if (kind == ResourceKinds.Secret) return MetadataValidation.Validate(kind, obj).Concat(DataValidation.Secret(obj)).ToList();
        if (!IsPolicy(kind)) return MetadataValidation.Validate(kind, obj);
        try
        {
            if (kind == ResourceKinds.NetworkPolicy)
            {
                var v1 = KubernetesJson.Deserialize<V1NetworkPolicy>(obj.ToJsonString());
                return PolicyValidator.Validate(NetworkPolicyConverter.ToModel(v1));
            }
            AdminPolicyConverter.TryParseKind(kind.Kind, out var adminKind);
            using var doc = JsonDocument.Parse(obj.ToJsonString());
            return PolicyValidator.Validate(AdminPolicyConverter.ToModel(doc.RootElement, adminKind));
        }
        catch (JsonException ex)
        {
            // A field of the wrong JSON type fails decoding before validation, as in the apiserver.
            throw ApiError.BadRequest($"{kind.QualifiedKind} in version \"{kind.Version}\" cannot be handled as a {kind.Kind}: {ex.Message}");
        }
    }
}
