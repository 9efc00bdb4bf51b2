using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Bijie.Actors.Fuzz;

/// <summary>What a field of a seed body holds, from its name and value: which mutations fit it.</summary>
internal enum FieldKind
{
    Text,
    Code,
    CreditCode,
    Date,
    Enum,
    Reference,
    Number,
    Url,
    Other,
}

/// <summary>A place in a JSON body (a property or an array element) and what it holds.</summary>
internal sealed record Field(string Path, IReadOnlyList<object> Steps, JsonValueKind ValueKind, FieldKind Kind);

/// <summary>Finds the fields of a body and replaces one with raw JSON text.</summary>
internal static partial class Mutations
{
    private static readonly HashSet<string> EnumNames = ["kind", "role", "track", "domain", "urgency", "status", "decision", "step", "to", "strengths", "events"];
    private static readonly HashSet<string> ReferenceNames =
        ["helperId", "leadHelperId", "coHelperIds", "helperIds", "pairingId", "projectId", "responsibleStaffId", "staffId", "organizationId", "subjectId", "partnerId"];

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatePattern();

    public static List<Field> Fields(string json)
    {
        var fields = new List<Field>();
        using var document = JsonDocument.Parse(json);
        Walk(document.RootElement, [], null, 0, fields);
        return fields;
    }

    private static void Walk(JsonElement element, List<object> steps, string? name, int depth, List<Field> fields)
    {
        if (steps.Count > 0)
        {
            fields.Add(new Field(string.Join('.', steps), steps.ToArray(), element.ValueKind, Classify(name, element, depth)));
        }

        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                Walk(property.Value, [.. steps, property.Name], property.Name, depth + 1, fields);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, [.. steps, i++], name, depth + 1, fields);
            }
        }
    }

    private static FieldKind Classify(string? name, JsonElement value, int depth)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return FieldKind.Number;
        }

        if (value.ValueKind != JsonValueKind.String || name is null)
        {
            return FieldKind.Other;
        }

        var text = value.GetString()!;
        return name switch
        {
            _ when DatePattern().IsMatch(text) => FieldKind.Date,
            "localityCode" or "places" => FieldKind.Code,
            "enterpriseCode" or "creditCode" => FieldKind.CreditCode,
            "url" => FieldKind.Url,
            "id" when depth == 1 => FieldKind.Reference,
            _ when EnumNames.Contains(name) => FieldKind.Enum,
            _ when ReferenceNames.Contains(name) => FieldKind.Reference,
            _ => FieldKind.Text,
        };
    }

    private const string Marker = "\u0001fuzz-marker\u0001";

    /// <summary>The body with the field replaced by RAW (JSON text); null RAW removes it.</summary>
    public static string Replace(string json, Field field, string? raw)
    {
        var root = JsonNode.Parse(json)!;
        var parent = root;
        foreach (var step in field.Steps.SkipLast(1))
        {
            parent = step is int i ? parent[i]! : parent[(string)step]!;
        }

        var last = field.Steps[^1];
        if (raw is null)
        {
            if (parent is JsonObject o)
            {
                o.Remove((string)last);
            }
            else
            {
                parent.AsArray().RemoveAt((int)last);
            }

            return root.ToJsonString();
        }

        if (last is int index)
        {
            parent[index] = Marker;
        }
        else
        {
            parent[(string)last] = Marker;
        }

        var text = root.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var marker = JsonSerializer.Serialize(Marker, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return text.Replace(marker, raw, StringComparison.Ordinal);
    }

    /// <summary>The body with a property added at the top (an object body only).</summary>
    public static string? AddProperty(string json, string name, string raw)
    {
        var trimmed = json.TrimStart();
        return trimmed.StartsWith('{') ? "{" + Values.Str(name) + ":" + raw + (trimmed.Length > 2 ? "," : "") + trimmed[1..] : null;
    }

    /// <summary>A path segment percent-encoded, lone surrogates included (as the bytes a careless encoder would send).</summary>
    public static string Segment(string value)
    {
        var b = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '~')
            {
                b.Append(c);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                foreach (var x in Encoding.UTF8.GetBytes(value.Substring(i++, 2)))
                {
                    b.Append('%').Append(x.ToString("X2"));
                }
            }
            else if (char.IsSurrogate(c))
            {
                b.Append($"%{0xE0 | (c >> 12):X2}%{0x80 | ((c >> 6) & 0x3F):X2}%{0x80 | (c & 0x3F):X2}");
            }
            else
            {
                foreach (var x in Encoding.UTF8.GetBytes(c.ToString()))
                {
                    b.Append('%').Append(x.ToString("X2"));
                }
            }
        }

        return b.ToString();
    }

    /// <summary>The decoded value of a JSON string literal (lone surrogates kept).</summary>
    public static string Decode(string literal)
    {
        var b = new StringBuilder();
        var s = literal[1..^1];
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 5 < s.Length && s[i + 1] == 'u')
            {
                b.Append((char)Convert.ToInt32(s.Substring(i + 2, 4), 16));
                i += 5;
            }
            else if (s[i] == '\\' && i + 1 < s.Length)
            {
                b.Append(s[++i] switch { 'n' => '\n', 'r' => '\r', 't' => '\t', var other => other });
            }
            else
            {
                b.Append(s[i]);
            }
        }

        return b.ToString();
    }
}
