using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Kube.Manifests;

/// <summary>
/// Loads manifest files (YAML or JSON, multi-document, <c>kind: List</c>) into a <see cref="ClusterSnapshot"/>.
/// Never throws for bad input: unreadable files, malformed YAML (with line and column), unknown kinds and
/// unreadable objects become <see cref="ManifestDiagnostic"/>s, and everything readable is still loaded.
/// </summary>
public static class ManifestLoader
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>Files are read whatever their extension; directories are searched recursively for *.yaml, *.yml and *.json.</summary>
    public static ManifestLoadResult LoadPaths(IEnumerable<string> paths, ManifestLoadOptions? options = null)
    {
        var set = new ManifestSet(options ?? ManifestLoadOptions.Default);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                IEnumerable<string> files;
                try
                {
                    files = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false })
                        .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                        .Order(StringComparer.Ordinal)
                        .ToList();
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    set.Report(ManifestSeverity.Error, path, null, $"cannot read directory: {ex.Message}");
                    continue;
                }

                foreach (var file in files) LoadFile(set, file);
            }
            else if (File.Exists(path))
            {
                LoadFile(set, path);
            }
            else
            {
                set.Report(ManifestSeverity.Error, path, null, "no such file or directory");
            }
        }

        return set.Build();
    }

    /// <summary>Loads one text; <paramref name="sourceName"/> names it in diagnostics.</summary>
    public static ManifestLoadResult LoadText(string text, string sourceName, ManifestLoadOptions? options = null)
    {
        var set = new ManifestSet(options ?? ManifestLoadOptions.Default);
        set.AddText(text, sourceName);
        return set.Build();
    }

    private static void LoadFile(ManifestSet set, string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            set.Report(ManifestSeverity.Error, file, null, $"cannot read file: {ex.Message}");
            return;
        }

        set.AddText(text, file);
    }

    /// <summary>Diagnostics of a result, errors first, for printing.</summary>
    public static IEnumerable<ManifestDiagnostic> Ordered(ImmutableArray<ManifestDiagnostic> diagnostics) =>
        diagnostics.OrderByDescending(d => d.Severity).ThenBy(d => d.Source, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column);
}
