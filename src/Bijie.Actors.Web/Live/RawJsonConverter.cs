using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bijie.Actors.Web.Live;

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
