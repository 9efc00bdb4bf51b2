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
        var key = context.TargetId.Key;
        if (key.AsSpan().Length > MaxKeyBytes || key.ToString().Any(char.IsControl))
        {
            throw DomainException.NotFound("id.unknown", $"No {context.TargetId.Type} with that id: an id has at most {MaxKeyBytes} bytes and no control characters.");
        }

        return context.Invoke();
    }
}
