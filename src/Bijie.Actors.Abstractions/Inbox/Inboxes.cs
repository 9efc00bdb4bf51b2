namespace Bijie.Actors.Abstractions;

/// <summary>Who an inbox is for: the programme office, a helper, an enterprise or a locality's office.</summary>
public static class Inboxes
{
    public const string Office = "office";

    public static string Helper(string id) => $"helper:{id}";

    public static string Enterprise(string code) => $"enterprise:{code}";

    public static string Locality(string code) => $"locality:{code}";

    /// <summary>The same id for the same key, so that an event notified twice (a repeated tick) is kept once.</summary>
    public static Guid NotificationId(string key) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));

    /// <summary>The inbox a signed-in actor reads: its organisation's, or the office's for office and admin accounts.</summary>
    public static string? Of(ActorRef actor) => actor.Role switch
    {
        ActorRole.Office or ActorRole.Admin => Office,
        ActorRole.Helper when actor.OrganizationId is { } id => Helper(id),
        ActorRole.Enterprise when actor.OrganizationId is { } code => Enterprise(code),
        ActorRole.Locality when actor.OrganizationId is { } code => Locality(code),
        _ => null,
    };

    /// <summary>The inbox a signed-in actor reads; not found for an account that has none.</summary>
    public static string Required(ActorRef actor) =>
        Of(actor) ?? throw DomainException.NotFound("notification.unknown", "This account has no inbox.", "id");
}
