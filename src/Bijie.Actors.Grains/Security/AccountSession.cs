namespace Bijie.Actors.Grains.Security;

/// <summary>One signed-in browser: the id its cookie carries, and when it signed in.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.AccountSession")]
public sealed record AccountSession([property: Id(0)] string Id, [property: Id(1)] DateTimeOffset Started);
