using PolicyDashboard.Core.Lint;
using PolicyDashboard.Core.Reachability;
using PolicyDashboard.Core.Reachability.Matrix;
using PolicyDashboard.Web.Analysis;
using PolicyDashboard.Web.Auth;

namespace PolicyDashboard.Web.Api;

/// <summary>
/// The read-only HTTP API under <c>/api/v1</c>: reachability for a pair, the matrix at a level, the findings, and the
/// OpenAPI document that describes them. The same authorization as the pages (admins and auditors; a browser session
/// or, in Unsecured mode, the local user); unauthenticated calls get 401, never a sign-in redirect.
/// </summary>
public static class ApiEndpoints
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddDashboardApi(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Policy Dashboard API";
                document.Info.Description = "Read-only reachability, matrix, findings and policy activity of the cluster the dashboard watches.";
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/api/{documentName}/openapi.json").RequireAuthorization(DashboardPolicies.Reader);
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization(DashboardPolicies.Reader).WithTags("reachability");

        api.MapGet("/reachability", Reachability)
            .WithName("GetReachability")
            .WithSummary("Whether a source can reach a destination on a port, with the verdicts that decide it")
            .WithDescription("from: namespace/pod or ip:ADDRESS. to: namespace/pod, ip:ADDRESS or service:namespace/name (a service port resolves to each backing pod's target port). port: number or name. protocol: TCP (default), UDP, SCTP. " +
                "The answer lists one verdict per destination pod: allowed, ingressAllowed, egressAllowed, explanation, and each direction's trail (tier, outcome, policy, rule path).")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesValidationProblem();

        api.MapGet("/matrix", Matrix)
            .WithName("GetMatrix")
            .WithSummary("The reachability matrix at a level, as JSON or CSV")
            .WithDescription("from/to: empty for all namespaces, a namespace for its workloads, namespace/Kind/name for a workload's pods. port: 6379, 53/UDP or empty for any port. view: combined, ingress or egress. format: json (default) or csv.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem();

        api.MapGet("/findings", Findings)
            .WithName("GetFindings")
            .WithSummary("The policy lint findings, as JSON or CSV")
            .WithDescription("severity: info, warning or error (that severity and above). namespace: only findings about that namespace. format: json (default) or csv.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem();

        api.MapGet("/activity", Activity)
            .WithName("GetActivity")
            .WithSummary("Policy changes seen in the cluster, newest first, as JSON or CSV")
            .WithDescription("Each entry: when, action (created, updated, deleted), kind, namespace, name, who (the person who applied it through the dashboard, else the field manager, else unknown) and whoSource, " +
                "seenAtStart (made while the dashboard was down), and the connectivity it opened and closed (pod pairs, with the largest workload pairs). " +
                "Filters: namespace, kind, action, who, q (text), from and to (ISO 8601, on when). format: json (default) or csv.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem();
        return endpoints;
    }

    private static IResult Activity(PolicyDashboard.Web.Activity.IActivityFeed feed, string? @namespace, string? kind, string? action, string? who, string? q,
        string? from, string? to, string? format)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = PolicyDashboard.Web.Activity.ActivityFilter.Parse(@namespace, kind, action, who, q, from, to, errors);
        var type = Format(format, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var entries = filter.Apply(feed.Entries).ToList();
        return type == "csv"
            ? new StreamedFile("text/csv; charset=utf-8", "activity.csv", (s, ct) => PolicyDashboard.Web.Activity.ActivityExport.WriteCsvAsync(entries, s, ct))
            : new StreamedFile("application/json; charset=utf-8", null, (s, ct) => PolicyDashboard.Web.Activity.ActivityExport.WriteJsonAsync(entries, s, ct));
    }

    private static IResult Reachability(IReachabilityAnalysis analysis, string? from, string? to, string? port, string? protocol)
    {
        var current = analysis.Current;
        var errors = new Dictionary<string, string[]>();
        var answer = ReachabilityQuery.Evaluate(current.Snapshot, current.Engine, from, to, port, protocol, errors);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.Json(answer, VerdictJson.Options);
    }

    private static IResult Matrix(IReachabilityAnalysis analysis, HttpContext context, string? from, string? to, string? port, string? view, string? format)
    {
        var errors = new Dictionary<string, string[]>();
        if (!MatrixLocation.TryParse(from, to, port, view, out var query, out var error))
        {
            var colon = error!.IndexOf(':');
            errors[error[..colon]] = [error[(colon + 2)..]];
        }
        var kind = Format(format, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var matrix = MatrixBuilder.Build(analysis.Current.Result, query);
        var name = $"matrix-{matrix.Version}";
        return kind == "csv"
            ? new StreamedFile("text/csv; charset=utf-8", name + ".csv", (s, ct) => MatrixExport.WriteCsvAsync(matrix, s, ct))
            : new StreamedFile("application/json; charset=utf-8", null, (s, ct) => MatrixExport.WriteJsonAsync(matrix, s, ct));
    }

    private static IResult Findings(IReachabilityAnalysis analysis, string? severity, string? @namespace, string? format)
    {
        var errors = new Dictionary<string, string[]>();
        var minimum = LintSeverity.Info;
        if (!string.IsNullOrWhiteSpace(severity) && !Enum.TryParse(severity.Trim(), ignoreCase: true, out minimum))
            errors["severity"] = [$"'{severity}' is not a severity: use info, warning or error"];
        var kind = Format(format, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var current = analysis.Current;
        var findings = current.Findings
            .Where(f => f.Severity >= minimum)
            .Where(f => string.IsNullOrWhiteSpace(@namespace) || MatrixExport.FindingNamespace(f) == @namespace.Trim())
            .ToList();
        return kind == "csv"
            ? new StreamedFile("text/csv; charset=utf-8", $"findings-{current.Version}.csv", (s, ct) => MatrixExport.WriteFindingsCsvAsync(findings, s, ct))
            : TypedResults.Json(findings, VerdictJson.Options);
    }

    private static string Format(string? format, Dictionary<string, string[]> errors)
    {
        var value = string.IsNullOrWhiteSpace(format) ? "json" : format.Trim().ToLowerInvariant();
        if (value is "json" or "csv") return value;
        errors["format"] = [$"'{format}' is not a format: use json or csv"];
        return "json";
    }

    /// <summary>A response written by a callback, with a download file name when one is given.</summary>
    private sealed class StreamedFile(string contentType, string? downloadName, Func<Stream, CancellationToken, Task> write) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = contentType;
            if (downloadName is not null)
                httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{downloadName}\"";
            await write(httpContext.Response.Body, httpContext.RequestAborted);
        }
    }
}
