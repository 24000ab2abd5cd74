using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using PolicyDashboard.Core.Compose;
using PolicyDashboard.Core.Diff;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Web.Auth;
using PolicyDashboard.Web.Compose;

namespace PolicyDashboard.Web.Components.Pages;

/// <summary>
/// The composer: a draft seen in the visual builder and as YAML (<see cref="ComposerSession"/> keeps them in step),
/// what it means and would change, and the dry run / apply / delete actions of <see cref="ComposerService"/>. An
/// admin's draft is saved for them shortly after each change and its id kept in the address, so a reload, a dropped
/// circuit or a restart of the dashboard resumes it.
/// </summary>
public sealed partial class Compose
{
    /// <summary>How long the draft must rest before it is saved.</summary>
    internal static readonly TimeSpan SaveDelay = TimeSpan.FromSeconds(1);

    private ComposerSession _session = default!;
    private ObjectKey? _deleting;
    private (ReachabilityDiff Impact, IReadOnlyList<DraftDanger> Dangers)? _deletion;
    private string? _description;
    private ComposeOutcome? _outcome;
    private readonly HashSet<DangerKind> _confirmed = [];
    private bool _force;
    private bool _busy;
    private IReadOnlyList<PolicyAccess> _access = [];
    private IReadOnlyList<Components.Compose.EditorMarker> _markers = [];
    private IReadOnlyList<Draft> _drafts = [];
    private string? _draftId;
    private string? _draftSource;
    private string? _saveNote;
    private int _savedRevision;
    private CancellationTokenSource? _pendingSave;
    private readonly CancellationTokenSource _gone = new();

    [Inject] private ComposerService Composer { get; set; } = default!;
    [Inject] private IMutationGuard Guard { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IPolicyAccess Access { get; set; } = default!;
    [Inject] private IServiceProvider Services { get; set; } = default!;
    [Inject] private ILogger<Compose> Logger { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "template")] public string? Template { get; set; }
    [SupplyParameterFromQuery(Name = "ns")] public string? Ns { get; set; }
    /// <summary><c>namespace/name</c> of a NetworkPolicy to edit (applied over itself), clone (under a new name) or delete.</summary>
    [SupplyParameterFromQuery(Name = "edit")] public string? Edit { get; set; }
    [SupplyParameterFromQuery(Name = "clone")] public string? Clone { get; set; }
    [SupplyParameterFromQuery(Name = "delete")] public string? Delete { get; set; }
    /// <summary>The id of one of the user's saved drafts to resume.</summary>
    [SupplyParameterFromQuery(Name = "draft")] public string? DraftId { get; set; }

    /// <summary>Drafts are kept for admins only (saving one is a change): null for everyone else.</summary>
    private IDraftStore? Drafts => Guard.CanMutate ? Services.GetService<IDraftStore>() : null;

    private bool CanWrite => _session.Report?.CanApply == true && !_busy;
    private bool AllConfirmed => _session.Report is { } r && r.Dangers.All(d => _confirmed.Contains(d.Kind));

    private string DownloadName => (_session.Report?.Policies.FirstOrDefault()?.Name ?? _session.Report?.AdminPolicies.FirstOrDefault()?.Name ?? "draft") + ".yaml";
    private string DownloadHref => "data:application/yaml;charset=utf-8;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(_session.Yaml));

    protected override void OnInitialized()
    {
        base.OnInitialized();
        _session = new ComposerSession(() => Analysis.Snapshot);
        if (!string.IsNullOrWhiteSpace(Ns)) _session.Namespace = Ns.Trim();
        if (!string.IsNullOrWhiteSpace(Template)) UseTemplate(Template.Trim());
        var snapshot = Analysis.Snapshot;
        if (Key(Edit) is { } edit && snapshot.NetworkPolicies.TryGetValue(edit, out var editing))
        {
            _session.Namespace = edit.Namespace;
            _description = $"Editing {edit} as loaded at resourceVersion {editing.Meta.ResourceVersion}: applying it refuses if it changed since.";
            _draftSource = $"edit {edit}@{editing.Meta.ResourceVersion}";
            Load(PolicyYaml.Of(editing with { Meta = new ObjectMeta(editing.Name, editing.Namespace, ResourceVersion: editing.Meta.ResourceVersion, Labels: editing.Meta.Labels) }));
        }
        else if (Key(Clone) is { } clone && snapshot.NetworkPolicies.TryGetValue(clone, out var cloned))
        {
            _session.Namespace = clone.Namespace;
            _description = $"A copy of {clone} under a new name.";
            _draftSource = $"clone {clone}";
            Load(PolicyYaml.Of(cloned with { Meta = new ObjectMeta(cloned.Name + "-copy", cloned.Namespace, Labels: cloned.Meta.Labels) }));
        }
        else if (Key(Delete) is { } delete && snapshot.NetworkPolicies.ContainsKey(delete))
        {
            _deleting = delete;
            _deletion = DraftAnalyzer.Deletion(snapshot, delete);
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        // A saved draft named in the address (a reload, a link from "My drafts") is loaded once.
        if (!string.IsNullOrWhiteSpace(DraftId) && DraftId != _draftId && Drafts is { } store)
        {
            try
            {
                if (await store.GetAsync(DraftId, _gone.Token) is { } draft)
                {
                    _draftId = draft.Id;
                    _draftSource = draft.Source;
                    _session.Namespace = draft.Namespace;
                    _description = $"Draft \"{draft.Title}\", saved {draft.UpdatedAt.ToLocalTime():yyyy-MM-dd HH:mm:ss}.";
                    Load(draft.Yaml);
                    _savedRevision = _session.Revision;
                }
                else _description = "That draft no longer exists.";
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _description = $"The draft could not be loaded: {ex.Message}";
            }
        }
        if (_session.Report is not null) await RefreshAccessAsync();
    }

    protected override bool OnAnalysisChanged()
    {
        // The impact is relative to the cluster as it is now.
        _session.Reanalyze();
        return true;
    }

    private static ObjectKey? Key(string? text)
    {
        var slash = text?.IndexOf('/') ?? -1;
        return slash > 0 && slash < text!.Length - 1 ? new ObjectKey(text[..slash], text[(slash + 1)..]) : null;
    }

    private IEnumerable<string> Namespaces() =>
        Analysis.Snapshot.Namespaces.Keys.Select(k => k.Name).Append(_session.Namespace).Distinct().Order(StringComparer.Ordinal);

    private void NamespaceChanged(string ns)
    {
        _session.ChangeNamespace(ns);
        AfterChange();
    }

    private void Load(string yaml)
    {
        _session.Load(yaml);
        AfterChange();
    }

    private void UseTemplate(string id)
    {
        if (PolicyTemplates.Create(id, _session.Namespace, Analysis.Snapshot) is not { } template) return;
        _description = template.Description;
        _draftSource = $"template {id}";
        Load(template.Yaml);
    }

    private Task UseTemplateAsync(string id)
    {
        UseTemplate(id);
        return RefreshAccessAsync();
    }

    private Task NewPolicyAsync()
    {
        _description = $"A new NetworkPolicy in {_session.Namespace}: name it, choose the pods, add rules.";
        _draftSource = null;
        _session.NewPolicy();
        AfterChange();
        return Task.CompletedTask;
    }

    /// <summary>The admin-tier kinds the cluster serves (their CRDs are installed): only those can be composed.</summary>
    private IEnumerable<AdminPolicyKind> ServedAdminKinds() =>
        Enum.GetValues<AdminPolicyKind>().Where(k => Status.Kinds.Any(p => p.Served && p.Kind == k switch
        {
            AdminPolicyKind.AdminNetworkPolicy => "adminnetworkpolicies",
            AdminPolicyKind.BaselineAdminNetworkPolicy => "baselineadminnetworkpolicies",
            _ => "clusternetworkpolicies",
        }));

    private void NewAdminPolicy(AdminPolicyKind kind)
    {
        _description = $"A new {kind}: cluster-scoped; choose its subject and rules.";
        _draftSource = null;
        _session.NewAdminPolicy(kind);
        AfterChange();
    }

    private Task YamlChangedAsync(string yaml)
    {
        _session.YamlEdited(yaml);
        AfterChange();
        return RefreshAccessAsync();
    }

    private Task FormChangedAsync()
    {
        _session.FormEdited();
        AfterChange();
        return RefreshAccessAsync();
    }

    private void TooLong(int length) =>
        _description = $"The editor holds {length:N0} characters; drafts are at most {DraftAnalyzer.MaxLength:N0}. It was not analysed (the draft below is the last one that fit).";

    /// <summary>After any change of the draft: markers, confirmations, the last outcome, and an autosave.</summary>
    private void AfterChange()
    {
        _outcome = null;
        _force = false;
        _markers = [.. _session.PositionedProblems.Select(p => new Components.Compose.EditorMarker(p.Line!.Value, p.Column ?? 1, p.Message))];
        _confirmed.IntersectWith(_session.Report?.Dangers.Select(d => d.Kind) ?? []);
        ScheduleSave();
    }

    private async Task ImportAsync(InputFileChangeEventArgs e)
    {
        var file = e.File;
        if (file.Size > DraftAnalyzer.MaxBytes)
        {
            _description = $"{file.Name} is {file.Size:N0} bytes; drafts are at most {DraftAnalyzer.MaxBytes:N0}. Nothing was imported.";
            return;
        }
        try
        {
            await using var stream = file.OpenReadStream(DraftAnalyzer.MaxBytes, _gone.Token);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, _gone.Token);
            if (!DraftAnalyzer.TryDecode(buffer.ToArray(), out var text, out var problem))
            {
                // The editor keeps what it had: a file that is not a draft's text replaces nothing.
                _description = $"{file.Name} was not imported: {problem}";
                return;
            }
            _description = $"Imported {file.Name}.";
            _draftSource = $"import {file.Name}";
            Load(text);
            await RefreshAccessAsync();
        }
        catch (IOException ex)
        {
            _description = $"{file.Name} could not be read: {ex.Message}";
        }
    }

    /// <summary>Deletes the saved draft and starts afresh (what is on the page stays until the next change).</summary>
    private async Task DiscardDraftAsync()
    {
        if (Drafts is not { } store || _draftId is not { } id) return;
        _pendingSave?.Cancel();
        try
        {
            await store.DeleteAsync(id, _gone.Token);
            _draftId = null;
            _savedRevision = _session.Revision;
            _saveNote = "Draft discarded.";
            Navigation.NavigateTo("compose", replace: true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _saveNote = $"The draft could not be discarded: {ex.Message}";
        }
    }

    private void OpenDraft(string id) => Navigation.NavigateTo($"compose?draft={Uri.EscapeDataString(id)}");

    private async Task DraftsMenuOpened(bool open)
    {
        if (!open || Drafts is not { } store) return;
        try { _drafts = await store.ListAsync(_gone.Token); }
        catch (Exception ex) when (ex is not OperationCanceledException) { _saveNote = $"Drafts could not be listed: {ex.Message}"; }
    }

    /// <summary>Saves the draft once it has rested for <see cref="SaveDelay"/>; a newer change restarts the wait.</summary>
    private void ScheduleSave()
    {
        if (Drafts is null || !RendererInfo.IsInteractive || _session.Revision == _savedRevision || string.IsNullOrWhiteSpace(_session.Yaml)) return;
        _pendingSave?.Cancel();
        var pending = _pendingSave = CancellationTokenSource.CreateLinkedTokenSource(_gone.Token);
        _ = SaveLaterAsync(pending.Token);
    }

    private async Task SaveLaterAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(SaveDelay, cancellationToken);
            await InvokeAsync(() => SaveAsync(cancellationToken));
        }
        catch (OperationCanceledException) { }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (Drafts is not { } store || _session.Revision == _savedRevision) return;
        var revision = _session.Revision;
        try
        {
            var saved = await store.SaveAsync(new Draft(_draftId ?? "", _session.Title, _session.Yaml, _session.Namespace, DateTimeOffset.UtcNow, _draftSource), cancellationToken);
            _savedRevision = revision;
            _saveNote = $"Draft saved {saved.UpdatedAt.ToLocalTime():HH:mm:ss}";
            if (_draftId != saved.Id)
            {
                _draftId = saved.Id;
                // The address names the draft, so a reload resumes it.
                Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
                {
                    ["draft"] = saved.Id, ["template"] = null, ["edit"] = null, ["clone"] = null, ["ns"] = null,
                }), replace: true);
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception ex)
        {
            LogSaveFailed(Logger, ex);
            _saveNote = $"The draft could not be saved: {ex.Message}";
        }
        StateHasChanged();
    }

    /// <summary>Asks the cluster (as the user) whether the draft's namespaces accept the user's writes.</summary>
    private async Task RefreshAccessAsync()
    {
        var namespaces = _session.Report?.Policies.Select(p => p.Namespace).Distinct(StringComparer.Ordinal).ToList() ?? [];
        _access = namespaces.Count == 0 || !Guard.CanMutate ? [] : await Task.WhenAll(namespaces.Select(ns => Access.ForNamespaceAsync(ns, CancellationToken.None)));
    }

    private void Confirm((DangerKind Kind, bool Value) change)
    {
        if (change.Value) _confirmed.Add(change.Kind); else _confirmed.Remove(change.Kind);
    }

    private async Task DeleteAsync(bool dryRun)
    {
        if (_deleting is not { } key) return;
        await RunAsync(() => Composer.DeleteAsync(key, dryRun, _confirmed, CancellationToken.None));
    }

    private Task DryRunAsync() => RunAsync(() => Composer.DryRunAsync(_session.Report!, CancellationToken.None));

    private Task ApplyAsync() => RunAsync(() => Composer.ApplyAsync(_session.Report!, _force, _confirmed, CancellationToken.None));

    private async Task RunAsync(Func<Task<ComposeOutcome>> write)
    {
        if (_busy || (_session.Report is null && _deleting is null)) return;
        _busy = true;
        try
        {
            _outcome = await write();
        }
        catch (DashboardForbiddenException ex)
        {
            _outcome = new ComposeOutcome(false, [], ex.Message);
        }
        finally
        {
            _busy = false;
        }
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _gone.CancelAsync();
        _gone.Dispose();
        await base.DisposeAsyncCore();
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "A draft could not be saved")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception);
}
