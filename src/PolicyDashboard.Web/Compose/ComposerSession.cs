using PolicyDashboard.Core.Model;
using PolicyDashboard.Web.Compose.Builder;

namespace PolicyDashboard.Web.Compose;

/// <summary>
/// One draft being composed, seen through two views that stay in step: the YAML text and the visual builder's form.
/// <list type="bullet">
/// <item>An edit in the builder renders the form as YAML, which becomes the draft.</item>
/// <item>An edit in the YAML is analysed; when it reads as one NetworkPolicy, the builder shows it. Text that does not
/// read (a YAML error) is kept exactly as typed, its problems carry line and column, and the builder keeps the last
/// policy that did read: neither view ever overwrites the other with something broken.</item>
/// <item>Several documents or admin-tier kinds are composed as YAML; the builder says why it steps aside.</item>
/// </list>
/// The report (problems, impact, dangers) is always the analysis of the YAML, the text that would be applied.
/// </summary>
public sealed class ComposerSession(Func<ClusterSnapshot> cluster)
{
    private List<FormError> _formErrors = [];

    /// <summary>
    /// The namespace a draft without one is placed in, and that a draft's namespace must match (as
    /// <c>kubectl apply -n</c> refuses an object of another namespace).
    /// </summary>
    public string Namespace { get; set; } = "default";

    /// <summary>Composes for another namespace: the builder's policy moves there; YAML naming another one is then refused.</summary>
    public void ChangeNamespace(string ns)
    {
        Namespace = ns;
        if (Form is not null)
        {
            Form.Namespace = ns;
            FormEdited();
        }
        else if (Report is not null) Report = Analyze(Yaml);
    }

    private DraftReport Analyze(string yaml) => DraftAnalyzer.Analyze(yaml, cluster(), Namespace);

    public string Yaml { get; private set; } = "";
    public PolicyForm? Form { get; private set; }

    /// <summary>The builder's form when the draft is one admin-tier policy (then <see cref="Form"/> is null).</summary>
    public AdminPolicyForm? AdminForm { get; private set; }

    /// <summary>Why the builder does not show the YAML's current content, or null when both views agree.</summary>
    public string? BuilderNote { get; private set; }

    public DraftReport? Report { get; private set; }
    public IReadOnlyList<FormError> FormErrors => _formErrors;

    /// <summary>Bumped on every change of the draft: autosave compares it.</summary>
    public int Revision { get; private set; }

    public ClusterSnapshot Cluster => cluster();

    /// <summary>The draft's problems with a position in the YAML.</summary>
    public IReadOnlyList<DraftProblem> PositionedProblems =>
        Report?.Problems.Where(p => p.Line is not null).ToList() ?? [];

    /// <summary>Starts a new NetworkPolicy in the builder.</summary>
    public void NewPolicy(string name = "")
    {
        Form = PolicyForm.New(Namespace);
        Form.Name = name;
        AdminForm = null;
        FormEdited();
    }

    /// <summary>Starts a new admin-tier policy in the builder.</summary>
    public void NewAdminPolicy(AdminPolicyKind kind)
    {
        AdminForm = AdminPolicyForm.New(kind);
        Form = null;
        FormEdited();
    }

    /// <summary>The YAML editor changed: analyse the text; the builder follows when it reads as one NetworkPolicy.</summary>
    public void YamlEdited(string yaml)
    {
        Yaml = yaml;
        Revision++;
        Report = Analyze(yaml);
        _formErrors = [];
        var policies = Report.Policies.Count + Report.AdminPolicies.Count;
        if (Report.Policies.Count == 1 && Report.AdminPolicies.Count == 0)
        {
            Form = PolicyForm.From(Report.Policies[0]);
            AdminForm = null;
            BuilderNote = null;
        }
        else if (Report.AdminPolicies.Count == 1 && Report.Policies.Count == 0)
        {
            AdminForm = AdminPolicyForm.From(Report.AdminPolicies[0]);
            Form = null;
            BuilderNote = null;
        }
        else if (policies > 1)
            BuilderNote = $"The draft holds {policies} policies: the builder edits one policy at a time, so compose these in YAML.";
        else if (Report.Problems.FirstOrDefault(p => p.Line is not null) is { } problem)
            BuilderNote = Form is null && AdminForm is null
                ? $"The YAML does not read yet (line {problem.Line}{(problem.Column is { } c ? $", column {c}" : "")}): fix it there."
                : $"The YAML does not read (line {problem.Line}{(problem.Column is { } c2 ? $", column {c2}" : "")}): the builder keeps the last policy that did.";
        else if (string.IsNullOrWhiteSpace(yaml))
        {
            Form = null;
            AdminForm = null;
            BuilderNote = null;
        }
        else
            BuilderNote = "The draft holds no NetworkPolicy the builder can show.";
    }

    /// <summary>The builder changed the form: the YAML is rendered from it.</summary>
    public void FormEdited()
    {
        if (Form is null && AdminForm is null) return;
        var errors = new List<FormError>();
        Yaml = Form is not null ? PolicyYaml.Of(Form.ToPolicy(errors)) : PolicyYaml.Of(AdminForm!.ToPolicy(errors));
        // Without a name the YAML does not read as an object at all; the builder says so at the name field.
        if (string.IsNullOrWhiteSpace(Form?.Name ?? AdminForm!.Name)) errors.Add(new FormError("metadata.name", "a name is required"));
        _formErrors = errors;
        Revision++;
        BuilderNote = null;
        Report = Analyze(Yaml);
    }

    /// <summary>Replaces the whole draft (a template, an import, a stored draft): the YAML is the source.</summary>
    public void Load(string yaml) => YamlEdited(yaml);

    /// <summary>Analyses the same text again against the cluster as it is now (the impact changes with the cluster).</summary>
    public void Reanalyze()
    {
        if (Report is null) return;
        Report = Analyze(Yaml);
    }

    /// <summary>
    /// Messages for one field of the builder: the form's own and the validator's whose field path is
    /// <paramref name="path"/> or, unless <paramref name="exact"/>, lies under it (<c>spec.podSelector</c> covers
    /// <c>spec.podSelector.matchExpressions[0].key</c>).
    /// </summary>
    public IEnumerable<string> ErrorsAt(string path, bool exact = false)
    {
        bool Under(string? field, string path) =>
            field is not null && field.StartsWith(path, StringComparison.Ordinal) &&
            (field.Length == path.Length || (!exact && field[path.Length] is '.' or '['));
        foreach (var e in _formErrors)
            if (Under(e.Field, path)) yield return e.Message;
        if (Report is null) yield break;
        foreach (var p in Report.Problems)
            if (Under(p.Field, path)) yield return p.Message;
    }

    /// <summary>A name for the draft in lists: its first policy, else the first line of the text.</summary>
    public string Title =>
        Report?.Policies.FirstOrDefault() is { } p ? $"NetworkPolicy {p.Namespace}/{p.Name}"
        : Report?.AdminPolicies.FirstOrDefault() is { } a ? $"{a.Kind} {a.Name}"
        : Form is { Name.Length: > 0 } f ? $"NetworkPolicy {f.Namespace}/{f.Name}"
        : "Untitled draft";
}
