using System.Text;
using System.Text.Json.Nodes;

namespace PolicyDashboard.Sandbox.Http;

/// <summary>
/// kubectl sends built-in kinds such as SelfSubjectAccessReview as protobuf (<c>application/vnd.kubernetes.protobuf</c>):
/// the 4-byte magic <c>k8s\0</c>, then a runtime.Unknown (1 typeMeta {1 apiVersion, 2 kind}, 2 raw) whose raw bytes
/// are the object (k8s.io/api/authorization/v1/generated.proto: SelfSubjectAccessReview {1 metadata, 2 spec};
/// spec {1 resourceAttributes, 2 nonResourceAttributes}; ResourceAttributes {1 namespace, 2 verb, 3 group,
/// 4 version, 5 resource, 6 subresource, 7 name}; NonResourceAttributes {1 path, 2 verb}). This reads exactly that
/// into the JSON shape; the answer goes back as JSON, which the client accepts too.
/// </summary>
internal static class AccessReviewProtobuf
{
    public const string ContentType = "application/vnd.kubernetes.protobuf";

    private static readonly string[] ResourceFields = ["", "namespace", "verb", "group", "version", "resource", "subresource", "name"];
    private static readonly string[] NonResourceFields = ["", "path", "verb"];

    public static JsonObject Read(ReadOnlySpan<byte> body)
    {
        if (body.Length < 4 || !body[..4].SequenceEqual("k8s\0"u8)) throw ApiError.BadRequest("protobuf body without the k8s envelope");
        JsonObject? review = null;
        var apiVersion = "";
        var kind = "";
        foreach (var (field, value) in Fields(body[4..].ToArray()))
        {
            if (field == 1)
                foreach (var (f, v) in Fields(value))
                {
                    if (f == 1) apiVersion = Encoding.UTF8.GetString(v);
                    else if (f == 2) kind = Encoding.UTF8.GetString(v);
                }
            else if (field == 2) review = Review(value);
        }
        review ??= new JsonObject();
        review["apiVersion"] = apiVersion;
        review["kind"] = kind;
        return review;
    }

    private static JsonObject Review(byte[] raw)
    {
        var spec = new JsonObject();
        foreach (var (field, value) in Fields(raw))
        {
            if (field != 2) continue;
            foreach (var (f, v) in Fields(value))
            {
                if (f == 1) spec["resourceAttributes"] = Strings(v, ResourceFields);
                else if (f == 2) spec["nonResourceAttributes"] = Strings(v, NonResourceFields);
            }
        }
        return new JsonObject { ["spec"] = spec };
    }

    private static JsonObject Strings(byte[] raw, string[] names)
    {
        var o = new JsonObject();
        foreach (var (f, v) in Fields(raw))
            if (f > 0 && f < names.Length) o[names[f]] = Encoding.UTF8.GetString(v);
        return o;
    }

    /// <summary>The length-delimited fields of one message (wire type 2); varints and fixed fields are skipped.</summary>
    private static List<(int Field, byte[] Value)> Fields(byte[] data)
    {
        var fields = new List<(int, byte[])>();
        var i = 0;
        while (i < data.Length)
        {
            var key = Varint(data, ref i);
            var field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0: Varint(data, ref i); break;
                case 1: i += 8; break;
                case 5: i += 4; break;
                case 2:
                    var length = (int)Varint(data, ref i);
                    if (length < 0 || i + length > data.Length) throw ApiError.BadRequest("truncated protobuf body");
                    fields.Add((field, data[i..(i + length)]));
                    i += length;
                    break;
                default: throw ApiError.BadRequest($"unsupported protobuf wire type {key & 7}");
            }
        }
        return fields;
    }

    private static ulong Varint(byte[] data, ref int i)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (i >= data.Length) throw ApiError.BadRequest("truncated protobuf body");
            var b = data[i++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw ApiError.BadRequest("malformed protobuf varint");
    }
}
