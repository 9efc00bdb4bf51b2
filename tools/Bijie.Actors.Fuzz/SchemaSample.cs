using System.Text.Json.Nodes;

namespace Bijie.Actors.Fuzz;

/// <summary>A plausible body for an operation the fuzzer has no seed for, built from its OpenAPI schema.</summary>
internal static class SchemaSample
{
    public static JsonNode? Of(JsonNode? schema, JsonNode document, Fixtures f, int depth = 0)
    {
        if (schema is null || depth > 8)
        {
            return null;
        }

        if ((string?)schema["$ref"] is { } reference)
        {
            var name = reference.Split('/')[^1];
            return Of(document["components"]?["schemas"]?[name], document, f, depth + 1);
        }

        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return values[0]?.DeepClone();
        }

        var type = schema["type"] switch
        {
            JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
            JsonValue v => (string?)v,
            _ => schema["properties"] is not null ? "object" : null,
        };
        switch (type)
        {
            case "object":
                var o = new JsonObject();
                foreach (var (name, property) in schema["properties"] as JsonObject ?? [])
                {
                    o[name] = Of(property, document, f, depth + 1);
                }

                return o;
            case "array":
                return new JsonArray(Of(schema["items"], document, f, depth + 1));
            case "integer":
                return 1;
            case "number":
                return 1.5m;
            case "boolean":
                return true;
            case "string":
                return (string?)schema["format"] switch
                {
                    "date" => f.Date(),
                    "date-time" => DateTimeOffset.UtcNow.ToString("O"),
                    "uuid" => Guid.NewGuid().ToString(),
                    _ => "模糊测试",
                };
            default:
                return schema["anyOf"] is JsonArray any ? Of(any.FirstOrDefault(a => (string?)a?["type"] != "null"), document, f, depth + 1) : null;
        }
    }
}
