using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Validation;
using T = PolicyDashboard.Core.Validation.FieldErrorType;

namespace PolicyDashboard.Core.Tests.Validation;

/// <summary>ObjectMeta rules of apimachinery's ValidateObjectMetaAccessor, ValidateLabels and ValidateAnnotations.</summary>
public sealed class MetaValidationTests
{
    private static (string, T, string, string?)[] Run(ObjectMeta meta, bool namespaced) =>
        [.. PolicyValidator.ValidateMeta(meta, namespaced).Select(e => (e.Field, e.Type, e.Message, e.Value))];

    [Theory]
    [InlineData("web")]
    [InlineData("allow-redis")]
    [InlineData("a.b-c.d")]
    [InlineData("0abc")]
    public void ValidateMeta_SubdomainName_ReturnsNoErrors(string name) =>
        Assert.Empty(Run(new ObjectMeta(name, "team-doc"), namespaced: true));

    [Fact]
    public void ValidateMeta_EmptyName_IsRequired() =>
        Assert.Equal([("metadata.name", T.Required, "name or generateName is required", null)], Run(new ObjectMeta("", "default"), true));

    [Fact]
    public void ValidateMeta_NameLongerThan253_ReportsLength()
    {
        var name = string.Join('.', Enumerable.Repeat(new string('a', 50), 6)); // 305 characters, labels valid
        Assert.Equal([("metadata.name", T.Invalid, "must be no more than 253 characters", name)], Run(new ObjectMeta(name, "default"), true));
    }

    [Fact]
    public void ValidateMeta_NamespaceWithDots_MustNotContainDots() =>
        Assert.Equal([("metadata.namespace", T.Invalid, "must not contain dots", "team.doc")], Run(new ObjectMeta("np", "team.doc"), true));

    [Fact]
    public void ValidateMeta_NamespaceUpperCase_ReportsRfc1123Label() =>
        Assert.Equal(
            [("metadata.namespace", T.Invalid, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')", "Team")],
            Run(new ObjectMeta("np", "Team"), true));

    [Fact]
    public void ValidateMeta_ClusterScopedWithNamespace_IsForbidden() =>
        Assert.Equal([("metadata.namespace", T.Forbidden, "not allowed on this type", null)], Run(new ObjectMeta("anp", "default"), false));

    [Fact]
    public void ValidateMeta_ClusterScopedWithoutNamespace_ReturnsNoErrors() =>
        Assert.Empty(Run(new ObjectMeta("default", null), false));

    [Fact]
    public void ValidateMeta_LabelKeyWithTwoSlashes_ReportsLabelKeyFormat() =>
        Assert.Equal(
            [("metadata.labels", T.Invalid, "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')", "a/b/c")],
            Run(new ObjectMeta("np", "default", Labels: Labels.Of(("a/b/c", "x"))), true));

    [Fact]
    public void ValidateMeta_LabelKeyWithEmptyPrefix_ReportsPrefix() =>
        Assert.Equal([("metadata.labels", T.Invalid, "prefix part must be non-empty", "/app")],
            Run(new ObjectMeta("np", "default", Labels: Labels.Of(("/app", "x"))), true));

    [Fact]
    public void ValidateMeta_LabelKeyWithUpperCasePrefix_ReportsPrefixSubdomain() =>
        Assert.Equal(
            [("metadata.labels", T.Invalid, "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')", "Example.com/app")],
            Run(new ObjectMeta("np", "default", Labels: Labels.Of(("Example.com/app", "x"))), true));

    [Fact]
    public void ValidateMeta_LabelKeyNameLongerThan63_ReportsNameLength()
    {
        var key = "example.com/" + new string('k', 64);
        Assert.Equal([("metadata.labels", T.Invalid, "name part must be no more than 63 bytes", key)],
            Run(new ObjectMeta("np", "default", Labels: Labels.Of((key, "x"))), true));
    }

    [Fact]
    public void ValidateMeta_EmptyLabelValue_IsValid() =>
        Assert.Empty(Run(new ObjectMeta("np", "default", Labels: Labels.Of(("app", ""))), true));

    [Fact]
    public void ValidateMeta_AnnotationKeyUpperCase_IsValidBecauseCaseDoesNotMatter() =>
        Assert.Empty(Run(new ObjectMeta("np", "default", Annotations: Labels.Of(("Example.COM/Note", "x"))), true));

    [Fact]
    public void ValidateMeta_AnnotationsOver256KiB_AreTooLong()
    {
        var big = Labels.Of(("a", new string('x', 256 * 1024)));
        Assert.Equal([("metadata.annotations", T.TooLong, "must have at most 262144 bytes", null)],
            Run(new ObjectMeta("np", "default", Annotations: big), true));
    }

    [Fact]
    public void ValidateMeta_AnnotationsOfExactly256KiB_AreAccepted()
    {
        var exact = Labels.Of(("a", new string('x', 256 * 1024 - 1)));
        Assert.Empty(Run(new ObjectMeta("np", "default", Annotations: exact), true));
    }
}
