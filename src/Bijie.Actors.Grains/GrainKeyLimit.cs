using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains;

/// <summary>
/// Grain keys come from request paths and bodies. A key longer than Azure Table storage takes, or one with a control
/// character, failed the grain's activation (a 500); no such grain can exist, so the call is refused as an unknown
/// id before it is sent (404 in a path, 400 in a body).
/// </summary>
public sealed class GrainKeyLimit : IOutgoingGrainCallFilter
{
    /// <summary>The longest key in bytes: every id of the model is far shorter (ids have at most 64 characters).</summary>
    public const int MaxKeyBytes = 256;

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        var key = context.TargetId.Key.AsSpan();
        if (key.Length > MaxKeyBytes || HasControlCharacter(key))
        {
            throw DomainException.NotFound("id.unknown", $"No {context.TargetId.Type} with that id: an id has at most {MaxKeyBytes} bytes and no control characters.");
        }

        return context.Invoke();
    }

    /// <summary>
    /// Whether the UTF-8 key holds a control character (char.IsControl: U+0000–U+001F, U+007F–U+009F), read from
    /// its bytes: this runs on every grain call, where a string per call would be waste.
    /// </summary>
    private static bool HasControlCharacter(ReadOnlySpan<byte> utf8)
    {
        for (var i = 0; i < utf8.Length; i++)
        {
            var b = utf8[i];
            if (b < 0x20 || b == 0x7F || (b == 0xC2 && i + 1 < utf8.Length && utf8[i + 1] is >= 0x80 and <= 0x9F))
            {
                return true;
            }
        }

        return false;
    }
}
