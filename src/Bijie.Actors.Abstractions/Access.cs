using System.Security.Cryptography;
using System.Text;

namespace Bijie.Actors.Abstractions;

/// <summary>
/// Who may see and change whose things: the one home of the object-level rules, used by the grains (writes) and the
/// API (reads, listings, public fields). The office (and admin, and the system) sees and changes everything; a helper
/// or an enterprise what counts in its own roll-up (H:{id}, E:{code}); a locality's office what lies in its division
/// (L:{code}, which every ledger line of a place below carries too); a viewer and the public only aggregates and the
/// public fields. A stranger is told "not there" (404) for what is not theirs, never "not yours", and is told so
/// before any answer about the thing's state.
/// </summary>
public static class Access
{
    /// <summary>The roll-up scope of the caller's own organisation or place; null for the office, a viewer, the public.</summary>
    public static string? OwnScope(ActorRef actor) => actor switch
    {
        { Role: ActorRole.Helper, OrganizationId: { Length: > 0 } id } => Scopes.Helper(id),
        { Role: ActorRole.Enterprise, OrganizationId: { Length: > 0 } code } => Scopes.Enterprise(code),
        { Role: ActorRole.Locality, OrganizationId: { Length: > 0 } code } => Scopes.Locality(code),
        _ => null,
    };

    /// <summary>Whether a thing counted in these roll-up scopes is the caller's (the office: everything).</summary>
    public static bool Owns(ActorRef actor, IEnumerable<string> scopes) =>
        actor.ManagesEverything || (OwnScope(actor) is { } own && scopes.Contains(own, StringComparer.Ordinal));

    /// <summary>Whether a place (a division code) lies in the caller's locality (a locality's office) or anywhere (the office).</summary>
    public static bool OwnsPlace(ActorRef actor, string? code) =>
        actor.ManagesEverything || (actor is { Role: ActorRole.Locality, OrganizationId: { Length: > 0 } own } && code is not null
            && code.StartsWith(own, StringComparison.Ordinal));

    /// <summary>Whether the caller speaks for this helper organisation (the office for any).</summary>
    public static bool ActsFor(ActorRef actor, ActorRole role, string? organizationId) =>
        actor.ManagesEverything || (actor.Role == role && organizationId is not null && actor.OrganizationId == organizationId);

    /// <summary>Whether the caller may read the private fields of reports (notes, who filed): the office and the reporter's organisation.</summary>
    public static bool SeesReporters(ActorRef actor) => actor.ManagesEverything || actor.Role is ActorRole.Helper or ActorRole.Enterprise;

    /// <summary>
    /// The id of a record a client creates without naming it (a visit, a need; a project or matter sent without an id):
    /// minted by the server from the caller and the request's idempotency key, so a retry finds the same record, nobody
    /// can take an id in advance, and the ids of records clients create share no space with the office's pairings and
    /// projects. The key is required: without one a retry after a lost answer would create a second record.
    /// </summary>
    public static string MintId(string prefix, ActorRef actor, string? idempotencyKey)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 200 || idempotencyKey.Any(char.IsControl))
        {
            throw DomainException.Invalid("idempotency.key", "An idempotency key of 1 to 200 printable characters is required.", DomainFields.IdempotencyKey);
        }

        var seed = SHA256.HashData(Encoding.UTF8.GetBytes($"{prefix}\n{actor.Id}\n{idempotencyKey}"));
        return $"{prefix}-{Convert.ToHexStringLower(seed)[..24]}";
    }
}
