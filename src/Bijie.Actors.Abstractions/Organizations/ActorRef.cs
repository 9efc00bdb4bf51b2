namespace Bijie.Actors.Abstractions;

/// <summary>Who acts: an id (staff id, key id), a role, and the organisation a helper or enterprise acts for.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ActorRef")]
public sealed record ActorRef(
    [property: Id(0)] string Id,
    [property: Id(1)] ActorRole Role,
    [property: Id(2)] string? OrganizationId = null)
{
    public static ActorRef System { get; } = new("system", ActorRole.System);

    public bool ManagesEverything => Role is ActorRole.Office or ActorRole.Admin or ActorRole.System;
}
