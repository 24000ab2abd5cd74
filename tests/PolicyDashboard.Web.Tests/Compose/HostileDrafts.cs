using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PolicyDashboard.Web.Tests.Compose;

/// <summary>What a refusal must say besides its message: where (line and column), which field or where, or the size limit.</summary>
internal enum HostileExpectation { Position, FieldOrPosition, Size }

/// <summary>
/// One hostile draft: text for the editor's path, or bytes for the import path. <see cref="Why"/> is a pattern one of
/// its problems must match, so that a draft refused for an unrelated reason (a broken generator) does not pass.
/// </summary>
internal sealed record HostileDraft(string Category, string? Text, byte[]? Bytes, HostileExpectation Expect, string Why)
{
    public int Length => Text?.Length ?? Bytes!.Length;
}

/// <summary>
/// Hostile drafts made deterministically from valid seed policies. Every mutation is invalid by construction — it
/// breaks a rule of YAML, of UTF-8, of the API server's strict decoding (unknown and duplicate fields), of the
/// object's kind, apiVersion or namespace, or of the API server's validation — so a draft that is accepted is a bug,
/// never a lucky mutation. Where a random edit could stay valid (renaming a key into another real field, a label key
/// that happens to be a field name), the generator excludes it by construction.
/// </summary>
internal static partial class HostileDrafts
{
    /// <summary>The composer's namespace the drafts are analysed for.</summary>
    public const string Namespace = "default";

    public const string AllowRedis = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: allow-redis
          namespace: default
        spec:
          podSelector:
            matchLabels:
              role: db
          policyTypes:
          - Ingress
          ingress:
          - from:
            - podSelector:
                matchLabels:
                  k8s-app: guestbook
            ports:
            - protocol: TCP
              port: 6379

        """;

    public const string DefaultDeny = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: default-deny
          namespace: default
        spec:
          podSelector: {}
          policyTypes:
          - Ingress
          - Egress

        """;

    public const string IpBlock = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: egress-to-office
          namespace: default
          labels:
            team: web
        spec:
          podSelector:
            matchLabels:
              layer: frontend
          policyTypes:
          - Egress
          egress:
          - to:
            - ipBlock:
                cidr: 10.0.0.0/8
                except:
                - 10.1.0.0/16
            - ipBlock:
                cidr: 2001:db8::/32
            ports:
            - protocol: TCP
              port: 8000
              endPort: 8080
            - protocol: UDP
              port: dns

        """;

    public const string Expressions = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: from-monitoring
          namespace: default
        spec:
          podSelector:
            matchExpressions:
            - key: app
              operator: In
              values:
              - web
              - api
          ingress:
          - from:
            - namespaceSelector:
                matchLabels:
                  kubernetes.io/metadata.name: monitoring
              podSelector:
                matchExpressions:
                - key: scraper
                  operator: Exists

        """;

    public const string Anp = """
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata:
          name: cluster-control
        spec:
          priority: 10
          subject:
            namespaces:
              matchLabels:
                kubernetes.io/metadata.name: default
          ingress:
          - name: allow-monitoring
            action: Allow
            from:
            - namespaces:
                matchLabels:
                  kubernetes.io/metadata.name: monitoring
            ports:
            - portNumber:
                protocol: TCP
                port: 9090
          egress:
          - name: deny-metadata
            action: Deny
            to:
            - networks:
              - 169.254.169.254/32

        """;

    public const string Json = """{"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "json-deny", "namespace": "default"}, "spec": {"podSelector": {"matchLabels": {"app": "web"}}, "policyTypes": ["Ingress"]}}""" + "\n";

    /// <summary>The seeds, each valid; the test checks that before it counts anything.</summary>
    public static readonly IReadOnlyList<string> Seeds = [AllowRedis, DefaultDeny, IpBlock, Expressions, Anp, Json];

    private static readonly string[] BlockSeeds = [AllowRedis, DefaultDeny, IpBlock, Expressions, Anp];
    private static readonly string[] NetworkPolicySeeds = [AllowRedis, DefaultDeny, IpBlock, Expressions];

    /// <summary>
    /// Every field name of the schemas drafts are checked against (NetworkPolicy, ObjectMeta, the policy.networking.k8s.io
    /// kinds), at any level: a renamed or inserted key is never one of them, so it is unknown wherever it lands.
    /// </summary>
    private static readonly HashSet<string> FieldNames = new(StringComparer.Ordinal)
    {
        "apiVersion", "kind", "metadata", "spec", "status",
        "name", "namespace", "labels", "annotations", "generateName", "uid", "resourceVersion", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "generation", "finalizers", "ownerReferences", "managedFields", "selfLink",
        "podSelector", "policyTypes", "ingress", "egress", "from", "to", "ports", "port", "endPort", "protocol", "ipBlock", "cidr", "except",
        "namespaceSelector", "matchLabels", "matchExpressions", "key", "operator", "values",
        "priority", "subject", "namespaces", "pods", "action", "networks", "nodes", "domainNames", "portNumber", "portRange", "namedPort",
        "start", "end", "tier", "protocols", "tcp", "udp", "sctp", "destinationPort", "destinationNamedPort", "number", "range",
    };

    /// <summary>Maps whose keys are data (labels), not fields.</summary>
    private static readonly HashSet<string> FreeMaps = new(StringComparer.Ordinal) { "matchLabels", "labels", "annotations" };

    private static readonly (string Name, int Count, Func<Random, HostileDraft> Make)[] Categories =
    [
        ("control character", 600, ControlCharacter),
        ("NUL inserted", 300, Nul),
        ("invalid UTF-8", 1000, InvalidUtf8),
        ("truncated mid-token", 500, Truncated),
        ("field renamed", 1200, RenamedField),
        ("duplicate key", 1000, DuplicateKey),
        ("unknown field", 800, UnknownField),
        ("wrong kind", 500, WrongKind),
        ("wrong apiVersion", 500, WrongApiVersion),
        ("namespace mismatch", 500, NamespaceMismatch),
        ("invalid port", 800, InvalidPort),
        ("invalid CIDR", 700, InvalidCidr),
        ("invalid label or name", 700, InvalidLabel),
        ("deep nesting", 300, DeepNesting),
        ("alias bomb", 300, AliasBomb),
        ("huge number", 300, HugeNumber),
        ("tab indentation", 400, TabIndentation),
        ("wrong type", 300, WrongType),
        ("multi-document mix", 800, MultiDocument),
    ];

    /// <summary>The 10 MB drafts, few because each costs tens of megabytes to build.</summary>
    private static readonly Func<HostileDraft>[] Huge =
    [
        () => new("10 MB", AllowRedis + "# " + new string('x', 10 * 1024 * 1024) + "\n", null, HostileExpectation.Size, "at most"),
        () => new("10 MB", AllowRedis.Replace("role: db", "role: " + new string('d', 10 * 1024 * 1024), StringComparison.Ordinal), null, HostileExpectation.Size, "at most"),
        () => new("10 MB", new string('[', 5 * 1024 * 1024) + new string(']', 5 * 1024 * 1024), null, HostileExpectation.Size, "at most"),
        () => new("10 MB", null, Enumerable.Repeat(Encoding.UTF8.GetBytes("---\n" + AllowRedis), 10 * 1024 * 1024 / (AllowRedis.Length + 4) + 1).SelectMany(b => b).ToArray(), HostileExpectation.Size, "at most"),
    ];

    public static int Count => Categories.Sum(c => c.Count) + Huge.Length;

    /// <summary>The drafts, made one at a time (the big ones are not all held at once), the same for the same seed.</summary>
    public static IEnumerable<HostileDraft> Generate(int seed)
    {
        var random = new Random(seed);
        foreach (var huge in Huge) yield return huge();
        foreach (var (_, count, make) in Categories)
            for (var i = 0; i < count; i++)
                yield return make(random);
    }

    private static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    private static string[] Lines(string text) => text.Split('\n');

    private static string Join(IEnumerable<string> lines) => string.Join('\n', lines);

    private static HostileDraft Text(string category, string text, string why, HostileExpectation expect = HostileExpectation.Position) => new(category, text, null, expect, why);

    // YAML allows tab, LF, CR, printable ASCII, NEL and Unicode from U+00A0 (except surrogates, U+FFFE/U+FFFF).
    private static readonly char[] Disallowed =
        [.. Enumerable.Range(0, 0x20).Where(c => c is not (9 or 10 or 13)).Select(c => (char)c), '\x7F', .. Enumerable.Range(0x80, 0x20).Where(c => c != 0x85).Select(c => (char)c), '\uFFFE', '\uFFFF', '\uD800', '\uDFFF'];

    private static HostileDraft ControlCharacter(Random r)
    {
        var seed = Pick(r, Seeds);
        var at = r.Next(seed.Length);
        return Text("control character", seed[..at] + Pick(r, Disallowed) + seed[(at + 1)..], "not allowed in YAML");
    }

    private static HostileDraft Nul(Random r)
    {
        var seed = Pick(r, Seeds);
        var at = r.Next(seed.Length + 1);
        return Text("NUL inserted", seed.Insert(at, "\0"), "U\\+0000 is not allowed in YAML");
    }

    private static HostileDraft InvalidUtf8(Random r)
    {
        var seed = Encoding.UTF8.GetBytes(Pick(r, Seeds)); // ASCII: any byte around an insertion is a whole character
        var at = r.Next(seed.Length);
        byte[] bad = r.Next(9) switch
        {
            0 => [(byte)Pick(r, new[] { 0xC0, 0xC1, 0xF5, 0xF6, 0xF7, 0xF8, 0xFC, 0xFE, 0xFF })], // never valid in UTF-8
            1 => [(byte)r.Next(0x80, 0xC0)], // a continuation byte with no lead
            2 => [0xE2, 0x82], // a three-byte character cut short
            3 => [0xC0, 0xAF], // overlong '/'
            4 => [0xE0, 0x80, 0xAF], // overlong '/'
            5 => [0xED, 0xA0, 0x80], // an encoded surrogate
            6 => [0xF4, 0x90, 0x80, 0x80], // above U+10FFFF
            7 => [(byte)r.Next(0xC2, 0xE0), (byte)r.Next(0x20, 0x7F)], // a lead byte followed by ASCII
            _ => [],
        };
        if (bad.Length == 0)
        {
            // The whole draft as UTF-16 with its byte order mark: FF FE is not UTF-8.
            return new("invalid UTF-8", null, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(seed))], HostileExpectation.Position, "not valid UTF-8");
        }

        var replace = r.Next(2) == 0;
        byte[] bytes = [.. seed[..at], .. bad, .. seed[(replace ? at + 1 : at)..]];
        if (r.Next(10) == 0) bytes = [.. seed, .. "# caf\u00e9"u8.ToArray()[..^1]]; // ends inside a two-byte character
        return new("invalid UTF-8", null, bytes, HostileExpectation.Position, "not valid UTF-8");
    }

    private static HostileDraft Truncated(Random r)
    {
        var lines = Lines(Pick(r, BlockSeeds));
        var keep = r.Next(1, lines.Length - 1);
        var indent = new string(' ', lines[keep - 1].Length - lines[keep - 1].TrimStart().Length);
        // The draft stops inside a token that needs closing: YAML refuses an unterminated quote or flow collection.
        var tail = Pick(r, new[] { "\"unterminated", "'unterminated", "[1, 2", "{a: 1", "{\"a\": [", "[{a: ", "\"esc\\" });
        return Text("truncated mid-token", Join(lines[..keep]) + "\n" + indent + "cut: " + tail, "invalid YAML");
    }

    [GeneratedRegex(@"^(?<indent> *)(?<dash>- )?(?<key>[A-Za-z][A-Za-z0-9]*):(?: |$)")]
    private static partial Regex KeyLine();

    /// <summary>Indexes of lines that write a schema field as a plain key (not a label key, not a JSON line).</summary>
    private static List<int> FieldLines(string[] lines, bool allowDash) =>
        Enumerable.Range(0, lines.Length).Where(i =>
        {
            var m = KeyLine().Match(lines[i]);
            return m.Success && (allowDash || !m.Groups["dash"].Success) && FieldNames.Contains(m.Groups["key"].Value) && !InFreeMap(lines, i);
        }).ToList();

    /// <summary>Whether the mapping a line belongs to is a label map: its parent is the nearest line indented less.</summary>
    private static bool InFreeMap(string[] lines, int i)
    {
        var indent = lines[i].Length - lines[i].TrimStart(' ').Length;
        for (var j = i - 1; j >= 0; j--)
        {
            var parentIndent = lines[j].Length - lines[j].TrimStart(' ').Length;
            if (lines[j].Trim().Length == 0 || parentIndent >= indent) continue;
            return KeyLine().Match(lines[j]) is { Success: true } m && FreeMaps.Contains(m.Groups["key"].Value);
        }

        return false;
    }

    private static string Misspell(Random r, string name)
    {
        while (true)
        {
            var i = r.Next(name.Length);
            var candidate = r.Next(7) switch
            {
                0 => char.ToUpperInvariant(name[0]) + name[1..],
                1 => name + (char)('a' + r.Next(26)),
                2 => name.Insert(i, "_"),
                3 => name.Length > 2 ? name.Remove(i, 1) : name + "x",
                4 => i + 1 < name.Length ? name[..i] + name[i + 1] + name[i] + name[(i + 2)..] : name + "z",
                5 => name.ToUpperInvariant(),
                _ => name + r.Next(10).ToString(CultureInfo.InvariantCulture),
            };
            if (candidate != name && candidate.Length > 0 && char.IsLetter(candidate[0]) && !FieldNames.Contains(candidate)) return candidate;
        }
    }

    private static HostileDraft RenamedField(Random r)
    {
        var lines = Lines(Pick(r, BlockSeeds));
        var i = Pick(r, FieldLines(lines, allowDash: true));
        var key = KeyLine().Match(lines[i]).Groups["key"];
        lines[i] = lines[i][..key.Index] + Misspell(r, key.Value) + lines[i][(key.Index + key.Length)..];
        return Text("field renamed", Join(lines), "unknown field|has no (kind|apiVersion)");
    }

    [GeneratedRegex(@"^(?<indent> *)(?<key>[A-Za-z][A-Za-z0-9./-]*):(?: .*)?$")]
    private static partial Regex MappingLine();

    private static HostileDraft DuplicateKey(Random r)
    {
        if (r.Next(8) == 0)
        {
            // JSON: System.Text.Json would keep the last; the strict reader refuses.
            return Text("duplicate key", r.Next(3) switch
            {
                0 => Json.Replace("{\"apiVersion\"", "{\"kind\": \"NetworkPolicy\", \"apiVersion\"", StringComparison.Ordinal),
                1 => Json.Replace("\"spec\": {", "\"spec\": {\"podSelector\": {}, ", StringComparison.Ordinal),
                _ => Json.Replace("\"metadata\": {", "\"metadata\": {\"name\": \"other\", ", StringComparison.Ordinal),
            }, "duplicate key");
        }

        var lines = Lines(Pick(r, BlockSeeds)).ToList();
        var candidates = Enumerable.Range(0, lines.Count).Where(i => MappingLine().IsMatch(lines[i])).ToList();
        var at = Pick(r, candidates);
        var m = MappingLine().Match(lines[at]);
        var copy = r.Next(2) == 0 ? lines[at] : $"{m.Groups["indent"].Value}{m.Groups["key"].Value}: other";
        // Before the key: a key whose value is the block below it keeps that value, and the copy is a sibling.
        lines.Insert(at, copy);
        return Text("duplicate key", Join(lines), "duplicate key");
    }

    private static HostileDraft UnknownField(Random r)
    {
        var typo = Pick(r, new[] { "podSelecter", "ingres", "egres", "policyType", "fromm", "too", "portt", "cidrs", "exept", "matchLabel", "matchExpression", "specc", "metdata", "labelz", "selector", "Spec", "PodSelector", "podselector", "nameSpace", "apiversion" });
        if (r.Next(4) == 0)
        {
            var chars = Enumerable.Range(0, r.Next(3, 13)).Select(_ => (char)('a' + r.Next(26))).ToArray();
            typo = new string(chars);
        }

        if (FieldNames.Contains(typo)) typo += "q";
        var value = Pick(r, new[] { "x", "1", "{}", "[]", "true", "{podSelector: {}}" });
        if (r.Next(8) == 0)
            return Text("unknown field", Json.Replace("\"spec\": {", $"\"spec\": {{\"{typo}\": 1, ", StringComparison.Ordinal), "unknown field");
        var lines = Lines(Pick(r, BlockSeeds)).ToList();
        var candidates = FieldLines([.. lines], allowDash: false);
        var at = Pick(r, candidates);
        var indent = KeyLine().Match(lines[at]).Groups["indent"].Value;
        lines.Insert(at, $"{indent}{typo}: {value}");
        return Text("unknown field", Join(lines), "unknown field");
    }

    [GeneratedRegex(@"(?m)^kind: .*$")]
    private static partial Regex KindLine();

    [GeneratedRegex(@"(?m)^apiVersion: .*$")]
    private static partial Regex ApiVersionLine();

    private static string RandomWord(Random r) => new([.. Enumerable.Range(0, r.Next(1, 16)).Select(_ => (char)(r.Next(2) == 0 ? 'a' + r.Next(26) : 'A' + r.Next(26)))]);

    private static HostileDraft WrongKind(Random r)
    {
        var seed = Pick(r, BlockSeeds);
        var anp = seed == Anp;
        // Policy kinds only where the seed's apiVersion is not theirs (an ANP body as a BaselineAdminNetworkPolicy could be valid).
        var kinds = new List<string> { "Pod", "Service", "Deployment", "ConfigMap", "Secret", "Namespace", "Ingress", "ClusterRole", "networkpolicy", "Networkpolicy", "NETWORKPOLICY", "NetworkPolicies", "\"Network Policy\"", "\"\"", "adminnetworkpolicy" };
        kinds.AddRange(anp ? ["NetworkPolicy", "ClusterNetworkPolicy"] : ["AdminNetworkPolicy", "ClusterNetworkPolicy", "BaselineAdminNetworkPolicy"]);
        var kind = Pick(r, kinds);
        if (r.Next(4) == 0)
        {
            kind = RandomWord(r);
            if (kind is "NetworkPolicy" or "AdminNetworkPolicy" or "BaselineAdminNetworkPolicy" or "ClusterNetworkPolicy" || kind.EndsWith("List", StringComparison.Ordinal)) kind += "s";
        }

        return Text("wrong kind", KindLine().Replace(seed, "kind: " + kind, 1), "is not accepted here|has no kind|apiVersion .* is not supported");
    }

    private static HostileDraft WrongApiVersion(Random r)
    {
        var seed = Pick(r, BlockSeeds);
        var right = seed == Anp ? "policy.networking.k8s.io/v1alpha1" : "networking.k8s.io/v1";
        var versions = new[] { "networking.k8s.io/v1beta1", "extensions/v1beta1", "v1", "networking.k8s.io/v2", "networking.k8s.io", "/v1", "\"\"", "networking.k8s.io/V1", "policy.networking.k8s.io/v1alpha1", "policy.networking.k8s.io/v1alpha2", "policy.networking.k8s.io/v1", "apps/v1" };
        var version = r.Next(4) == 0 ? RandomWord(r) + "/v" + r.Next(5) : Pick(r, versions);
        if (version == right) version += "x";
        return Text("wrong apiVersion", ApiVersionLine().Replace(seed, "apiVersion: " + version, 1), "apiVersion");
    }

    private static HostileDraft NamespaceMismatch(Random r)
    {
        var ns = Pick(r, new[] { "kube-system", "team-doc", "prod", "monitoring", "ns-" + RandomWord(r).ToLowerInvariant() });
        var text = r.Next(6) == 0
            ? Json.Replace("\"namespace\": \"default\"", $"\"namespace\": \"{ns}\"", StringComparison.Ordinal)
            : Pick(r, NetworkPolicySeeds).Replace("  namespace: default\n", $"  namespace: {ns}\n", StringComparison.Ordinal);
        return Text("namespace mismatch", text, "does not match the namespace");
    }

    private static HostileDraft InvalidPort(Random r)
    {
        var seed = Pick(r, new[] { AllowRedis, IpBlock });
        var numeric = seed == AllowRedis ? "      port: 6379" : "      port: 8000";
        var variant = r.Next(4);
        string result;
        if (variant == 0)
        {
            var bad = Pick(r, new[] { "0", "-1", "65536", "70000", "1000000", "abc_def", "-abc", "abc-", "a--b", "HTTP", "this-name-is-too-long" });
            result = seed.Replace(numeric, "      port: " + bad, StringComparison.Ordinal);
        }
        else if (variant == 1)
        {
            // endPort below port, above the range, or on a named port.
            result = seed == IpBlock && r.Next(2) == 0
                ? seed.Replace("      port: dns", "      port: dns\n      endPort: 9000", StringComparison.Ordinal)
                : seed == IpBlock
                    ? seed.Replace("      endPort: 8080", "      endPort: " + Pick(r, new[] { "7999", "1", "65536" }), StringComparison.Ordinal)
                    : seed.Replace(numeric, numeric + "\n      endPort: " + Pick(r, new[] { "6378", "65536", "1" }), StringComparison.Ordinal);
        }
        else if (variant == 2)
        {
            result = seed.Replace("- protocol: TCP", "- protocol: " + Pick(r, new[] { "tcp", "ICMP", "HTTP", "Tcp", "UDP6" }), StringComparison.Ordinal);
        }
        else
        {
            // A port number drawn from outside 1-65535.
            var n = r.Next(2) == 0 ? -r.Next(0, 100_000) : r.Next(65_536, int.MaxValue);
            result = seed.Replace(numeric, "      port: " + n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return Text("invalid port", result, "port|protocol", HostileExpectation.FieldOrPosition);
    }

    private static HostileDraft InvalidCidr(Random r)
    {
        var bad = Pick(r, new[] { "10.0.0.0/33", "10.0.0.256/24", "10.0.0.0", "300.1.1.1/8", "::1/129", "2001:db8::/", "abc", "", "10.0.0.0/-1", "10.0.0.0/8/8", "1.2.3.4/ 24", "10.0.0/8", "2001:db8:::/32", "gggg::/32", "10.0.0.0/8 ", " 10.0.0.0/8" });
        var quoted = "\"" + bad + "\"";
        var result = r.Next(5) switch
        {
            0 => IpBlock.Replace("cidr: 10.0.0.0/8", "cidr: " + quoted, StringComparison.Ordinal),
            1 => IpBlock.Replace("cidr: 2001:db8::/32", "cidr: " + quoted, StringComparison.Ordinal),
            2 => IpBlock.Replace("- 10.1.0.0/16", "- " + quoted, StringComparison.Ordinal),
            // except outside, equal to or wider than cidr
            3 => IpBlock.Replace("- 10.1.0.0/16", "- " + Pick(r, new[] { "192.168.0.0/16", "10.0.0.0/8", "10.0.0.0/7", "0.0.0.0/0", "2001:db8::/48" }), StringComparison.Ordinal),
            _ => Anp.Replace("- 169.254.169.254/32", "- " + quoted, StringComparison.Ordinal),
        };
        return Text("invalid CIDR", result, "cidr|except|networks", HostileExpectation.FieldOrPosition);
    }

    private static HostileDraft InvalidLabel(Random r)
    {
        var badKey = Pick(r, new[] { "-bad", "bad-", "a b", "x/", "/x", "a/b/c", "_x", "Example.com/x", "exa_mple.com/x", new string('a', 64), new string('a', 254) + ".io/x", "caf\u00e9", "a:b", "" });
        var badValue = Pick(r, new[] { new string('v', 64), "-v", "v-", "a b", "caf\u00e9", "a/b", "v_", ".v" });
        var badName = Pick(r, new[] { "Allow_Redis", "-x", "x-", new string('n', 254), "a..b", "UPPER", "a b", "" });
        var result = r.Next(6) switch
        {
            0 => AllowRedis.Replace("      role: db", $"      \"{badKey}\": db", StringComparison.Ordinal),
            1 => AllowRedis.Replace("      role: db", $"      role: \"{badValue}\"", StringComparison.Ordinal),
            2 => IpBlock.Replace("    team: web", $"    \"{badKey}\": web", StringComparison.Ordinal),
            // An unknown operator; Exists/DoesNotExist with values; In/NotIn without.
            3 => r.Next(2) == 0
                ? Expressions.Replace("operator: In", "operator: " + Pick(r, new[] { "Equals", "in", "NotExists", "\"\"", "Exists", "DoesNotExist" }), StringComparison.Ordinal)
                : Expressions.Replace("operator: Exists", "operator: " + Pick(r, new[] { "Equals", "exists", "In", "NotIn", "\"\"" }), StringComparison.Ordinal),
            4 => Expressions.Replace("      - web", $"      - \"{badValue}\"", StringComparison.Ordinal),
            _ => MetadataName().Replace(Pick(r, NetworkPolicySeeds), $"  name: \"{badName}\"", 1),
        };
        return Text("invalid label or name", result, "matchLabels|labels|matchExpressions|metadata.name", HostileExpectation.FieldOrPosition);
    }

    [GeneratedRegex(@"(?m)^  name: .*$")]
    private static partial Regex MetadataName();

    private static int Depth(Random r) => r.Next(3) == 0 ? r.Next(65, 200) : (int)Math.Min(100_000, 65 * Math.Pow(100_000 / 65.0, r.NextDouble()));

    private static HostileDraft DeepNesting(Random r)
    {
        var depth = Depth(r);
        var text = r.Next(7) switch
        {
            0 => new string('[', depth) + new string(']', depth),
            1 => string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth),
            2 => string.Concat(Enumerable.Repeat("- ", depth)) + "x\n",
            3 => DefaultDeny.Replace("podSelector: {}", "podSelector: " + new string('[', depth) + new string(']', depth), StringComparison.Ordinal),
            4 => string.Concat(Enumerable.Repeat("{\"a\": ", Math.Min(depth, 70_000))) + "1" + new string('}', Math.Min(depth, 70_000)), // within the size limit
            5 => string.Concat(Enumerable.Range(0, Math.Min(depth, 900)).Select(i => new string(' ', i) + "a:\n")),
            _ => AllowRedis.Replace("role: db", "role: " + string.Concat(Enumerable.Repeat("[{a: ", depth / 2 + 1)) + "1" + string.Concat(Enumerable.Repeat("}]", depth / 2 + 1)), StringComparison.Ordinal),
        };
        return Text("deep nesting", text, "nesting deeper than 64 levels");
    }

    private static HostileDraft AliasBomb(Random r)
    {
        // Levels are added until the aliases copy more than ten times the 1,000-node budget.
        var width = r.Next(2, 11);
        var mapping = r.Next(2) == 0;
        var bomb = new StringBuilder();
        long size = width + 1, copied = 0;
        bomb.Append("  a0: &a0 ").Append(mapping ? "{" + string.Join(", ", Enumerable.Range(0, width).Select(k => $"k{k}: lol")) + "}" : "[" + string.Join(", ", Enumerable.Repeat("lol", width)) + "]").Append('\n');
        for (var level = 1; copied <= 10_000; level++)
        {
            var refs = Enumerable.Range(0, width).Select(k => mapping ? $"k{k}: *a{level - 1}" : $"*a{level - 1}");
            bomb.Append($"  a{level}: &a{level} ").Append(mapping ? "{" + string.Join(", ", refs) + "}" : "[" + string.Join(", ", refs) + "]").Append('\n');
            copied += width * size;
            size = width * size + 1;
        }

        var text = r.Next(3) switch
        {
            0 => "lol:\n" + bomb,
            1 => AllowRedis.Replace("  namespace: default\n", "  namespace: default\n  annotations:\n" + bomb.ToString().Replace("  a", "    a", StringComparison.Ordinal), StringComparison.Ordinal),
            _ => DefaultDeny.Replace("  podSelector: {}\n", "  podSelector:\n    matchLabels:\n" + bomb.ToString().Replace("  a", "      a", StringComparison.Ordinal), StringComparison.Ordinal),
        };
        return Text("alias bomb", text, "alias \\*a[0-9]+ would copy more than 1,000 nodes");
    }

    private static HostileDraft HugeNumber(Random r)
    {
        var huge = Pick(r, new[] { "1e400", "-1e400", "99999999999999999999", "9223372036854775808", "0x7fffffffffffffffff", "1e20", "4294967296", "2147483648", "-2147483649", "123456789012345678901234567890" });
        var result = r.Next(4) switch
        {
            0 => AllowRedis.Replace("port: 6379", "port: " + huge, StringComparison.Ordinal),
            1 => IpBlock.Replace("endPort: 8080", "endPort: " + huge, StringComparison.Ordinal),
            2 => Anp.Replace("priority: 10", "priority: " + Pick(r, new[] { huge, "1001", "-1" }), StringComparison.Ordinal),
            _ => Anp.Replace("port: 9090", "port: " + huge, StringComparison.Ordinal),
        };
        return Text("huge number", result, "out of range|port|priority", HostileExpectation.FieldOrPosition);
    }

    private static HostileDraft TabIndentation(Random r)
    {
        // YAML indents with spaces only; a tab at the start of a block line is refused wherever it is.
        var lines = Lines(Pick(r, BlockSeeds));
        var indented = Enumerable.Range(0, lines.Length).Where(i => lines[i].StartsWith(' ')).ToList();
        var i = Pick(r, indented);
        lines[i] = new string('\t', r.Next(1, 4)) + lines[i].TrimStart(' ');
        return Text("tab indentation", Join(lines), "tab");
    }

    private static HostileDraft WrongType(Random r)
    {
        var result = r.Next(8) switch
        {
            0 => DefaultDeny.Replace("podSelector: {}", "podSelector: " + Pick(r, new[] { "[]", "5", "x", "true", "[{}]" }), StringComparison.Ordinal),
            1 => DefaultDeny.Replace("  policyTypes:\n  - Ingress\n  - Egress", "  policyTypes: " + Pick(r, new[] { "Ingress", "{Ingress: 1}", "5" }), StringComparison.Ordinal),
            2 => AllowRedis.Replace("port: 6379", "port: " + Pick(r, new[] { "[6379]", "{a: 1}", "6379.5" }), StringComparison.Ordinal),
            3 => IpBlock.Replace("cidr: 10.0.0.0/8", "cidr: " + Pick(r, new[] { "[10.0.0.0/8]", "{a: b}", "10" }), StringComparison.Ordinal),
            4 => AllowRedis.Replace("    matchLabels:\n      role: db", "    matchLabels: " + Pick(r, new[] { "[role]", "role", "5" }), StringComparison.Ordinal),
            5 => Anp.Replace("priority: 10", "priority: " + Pick(r, new[] { "ten", "[10]", "{a: 1}", "true" }), StringComparison.Ordinal),
            6 => AllowRedis.Replace("metadata:\n  name: allow-redis\n  namespace: default", "metadata: " + Pick(r, new[] { "[]", "x", "5" }), StringComparison.Ordinal),
            _ => Pick(r, new[] { "5", "\"just a string\"", "[1, 2, 3]", "true", "- a\n- b\n" }),
        };
        return Text("wrong type", result, "cannot read|expected a Kubernetes object|has no metadata.name", HostileExpectation.FieldOrPosition);
    }

    private static readonly Func<Random, HostileDraft>[] TextMutators =
    [
        ControlCharacter, Nul, Truncated, RenamedField, DuplicateKey, UnknownField, WrongKind, WrongApiVersion, NamespaceMismatch,
        InvalidPort, InvalidCidr, InvalidLabel, DeepNesting, AliasBomb, HugeNumber, TabIndentation, WrongType,
    ];

    private static HostileDraft MultiDocument(Random r)
    {
        HostileDraft bad;
        do bad = Pick(r, TextMutators)(r);
        while (bad.Text!.Contains("\n---", StringComparison.Ordinal) || bad.Text.StartsWith("---", StringComparison.Ordinal));
        // Good documents under names of their own: a second definition of the bad one's policy would replace it.
        var good = BlockSeeds.OrderBy(_ => r.Next()).Take(2).Select((seed, i) => MetadataName().Replace(seed, $"  name: mix-good-{i}", 1)).ToList();
        var parts = r.Next(3) switch
        {
            0 => new[] { good[0], bad.Text },
            1 => new[] { bad.Text, good[0] },
            _ => new[] { good[0], bad.Text, good[1] },
        };
        return Text("multi-document mix", string.Join("---\n", parts.Select(p => p.EndsWith('\n') ? p : p + "\n")), bad.Why, bad.Expect);
    }
}
