using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bijie.Actors.Web.Problems;

/// <summary>
/// Strings in request bodies may not hold U+0000: the ledger's jsonb refuses it (the commit failed, and the caller
/// was told to retry a request that can never succeed), and Azure Table storage refuses it in a key. Such a body is
/// bad JSON to the API: 400 problem details, like any other body that does not bind.
/// </summary>
public sealed class NoNulStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string, not {reader.TokenType}.");
        }

        var value = reader.GetString()!;
        return value.Contains('\0', StringComparison.Ordinal) ? throw new JsonException("A string may not contain U+0000 (NUL).") : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
