namespace Bijie.Actors.Abstractions;

/// <summary>
/// Names of refused fields that are not body properties, in the domain's words: the web shows each where the client sent
/// it (the idempotency key is a request header there).
/// </summary>
public static class DomainFields
{
    public const string IdempotencyKey = "idempotencyKey";
}
