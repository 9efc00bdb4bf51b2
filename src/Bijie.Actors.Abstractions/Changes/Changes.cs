namespace Bijie.Actors.Abstractions;

/// <summary>
/// One field of a resource as a change left it: its value before and after (JSON text; null when absent). A field that
/// is an entry of a map ("exception:{pairing}", "rule:{id}") carries the name people read for it in <see cref="Label"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.FieldChange")]
public sealed record FieldChange([property: Id(0)] string Field, [property: Id(1)] string? Before, [property: Id(2)] string? After, [property: Id(3)] string? Label = null);

/// <summary>
/// One change of a resource: its version, when, who (an account's session or an API key, named for people by
/// <see cref="ActorName"/>), what kind of change, and the fields it changed with their values before and after.
/// </summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ChangeView")]
public sealed record ChangeView(
    [property: Id(0)] int Version,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Via,
    [property: Id(4)] string Action,
    [property: Id(5)] IReadOnlyList<FieldChange> Fields,
    [property: Id(6)] string? ActorName = null)
{
    /// <summary>How a change came: "session" (an account signed in on a page), "key" (an API key), or "system".</summary>
    public static string ViaOf(string actor) =>
        actor.StartsWith("user:", StringComparison.Ordinal) ? "session" : actor is "system" or "demo" or "" ? "system" : "key";
}

/// <summary>A grain whose every change is recorded (<see cref="ChangeView"/>): it answers its changes through the version it holds.</summary>
[Alias("Bijie.Actors.IChangeTracked")]
public interface IChangeTracked : IGrain
{
    [Alias("GetChanges")]
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<ChangeView>> GetChangesAsync();
}

/// <summary>The names of the resources whose changes are recorded, as their records and addresses name them.</summary>
public static class ChangeResources
{
    public const string Helper = "helpers";
    public const string Enterprise = "enterprises";
    public const string Need = "needs";
    public const string Matter = "matters";
    public const string ExpertTeam = "expert-teams";
    public const string Platform = "platforms";
    public const string Period = "periods";
    public const string Account = "accounts";
    public const string ApiKey = "api-keys";
    public const string Webhook = "webhooks";
    public const string ValidationRules = "validation-rules";
}
