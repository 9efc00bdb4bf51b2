using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bijie.Actors.Web.Live;

/// <summary>
/// JSON already serialised (a board from <see cref="BoardCache"/>), sent on the hub as it is: SignalR writes these
/// bytes into its message instead of parsing them into a document and serialising that again.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed record RawJson(byte[] Utf8);

/// <summary>Writes <see cref="RawJson"/> as the value it holds; it is never read.</summary>
public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("RawJson is only written.");

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteRawValue(value.Utf8, skipInputValidation: true); // our own serialiser's bytes
    }
}
