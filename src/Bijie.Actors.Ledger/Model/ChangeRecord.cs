namespace Bijie.Actors.Ledger;

/// <summary>
/// Version <paramref name="Version"/> of a resource kept in grain state (a helper, a key, a period …): who made it, when,
/// what kind of change (<paramref name="Action"/>), and the resource's recorded fields after it (a JSON object; secrets
/// never among them). Written before the state it describes, so no stored version is without its record; a record of a
/// version whose state was never stored is replaced by the next change made from the same version, and the readers
/// read no further than the version the resource holds.
/// </summary>
public sealed record ChangeRecord(string Resource, string ResourceId, int Version, DateTimeOffset At, string Actor, string Action, string Fields);
