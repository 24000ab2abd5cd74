using System.Text.Json;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Cli.Input;

/// <summary>
/// Reads a probes file: a JSON array of <c>{"from": "ns/pod" | "ip:ADDR", "to": …, "port": 80, "protocol": "TCP"}</c>
/// (an object whose <c>probes</c> member is that array is accepted too). <c>protocol</c> defaults to TCP; <c>port</c>
/// is a number, a string of digits, or the name of a container port of the destination pod; other members are
/// ignored. Every problem names the probe (0-based index) and the member, so a CI log points at the line to fix.
/// </summary>
public static class ProbeFile
{
    public static IReadOnlyList<Probe> Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CliException($"cannot read probes file '{path}': {e.Message}");
        }
        return Parse(text, path);
    }

    public static IReadOnlyList<Probe> Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw new CliException($"{source}:{line}:{column}: invalid JSON in probes file: {FirstSentence(e.Message)}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("probes", out var wrapped))
                root = wrapped;
            if (root.ValueKind != JsonValueKind.Array)
                throw new CliException($"{source}: a probes file must be a JSON array of {{\"from\", \"to\", \"port\", \"protocol\"}} objects");

            var probes = new List<Probe>(root.GetArrayLength());
            foreach (var element in root.EnumerateArray())
                probes.Add(ParseProbe(element, probes.Count, source));
            return probes;
        }
    }

    private static Probe ParseProbe(JsonElement element, int index, string source)
    {
        var where = $"{source}: probe [{index}]";
        if (element.ValueKind != JsonValueKind.Object)
            throw new CliException($"{where}: expected an object with \"from\", \"to\", \"port\" and optional \"protocol\"");

        var fromText = RequiredString(element, "from", where);
        var toText = RequiredString(element, "to", where);
        if (!EndpointSpec.TryParse(fromText, out var from, out var error))
            throw new CliException($"{where}: \"from\": {error}");
        if (!EndpointSpec.TryParse(toText, out var to, out error))
            throw new CliException($"{where}: \"to\": {error}");

        var (port, portName) = ReadPort(element, where);

        var protocol = Protocol.TCP;
        if (element.TryGetProperty("protocol", out var protocolElement) && protocolElement.ValueKind != JsonValueKind.Null)
        {
            if (protocolElement.ValueKind != JsonValueKind.String ||
                !PortSpec.TryParseProtocol(protocolElement.GetString(), out protocol, out error))
                throw new CliException($"{where}: \"protocol\": {(error.Length > 0 ? error : "expected \"TCP\", \"UDP\" or \"SCTP\"")}");
        }

        return new Probe(index, fromText, from, toText, to, port, protocol, portName);
    }

    private static string RequiredString(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
            throw new CliException($"{where}: \"{name}\" is required and must be a string (\"namespace/pod\" or \"ip:ADDRESS\")");
        return value.GetString()!;
    }

    private static (int Port, string? Name) ReadPort(JsonElement element, string where)
    {
        if (!element.TryGetProperty("port", out var value))
            throw new CliException($"{where}: \"port\" is required (a number 1-65535)");
        string error;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt32(out var number):
                if (!PortSpec.CheckRange(number, out error))
                    throw new CliException($"{where}: \"port\": {error}");
                return (number, null);
            case JsonValueKind.String when value.GetString()!.Trim() is { Length: > 0 } text && !text.All(char.IsAsciiDigit) && text.Any(char.IsAsciiLetter):
                // An IANA_SVC_NAME, as a named NetworkPolicy port: resolved on the destination pod's container ports.
                return (0, text);
            case JsonValueKind.String:
                if (!PortSpec.TryParsePort(value.GetString()!, out var parsed, out error))
                    throw new CliException($"{where}: \"port\": {error}");
                return (parsed, null);
            default:
                throw new CliException($"{where}: \"port\" must be a number 1-65535, not {value.GetRawText()}");
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }
}
