namespace Bijie.Actors.Abstractions;

/// <summary>
/// The ids the office chooses (projects, expert teams, platforms): 1 to 64 letters, digits, '-' or '_', and never one
/// the server mints for what clients create (<see cref="Access.MintId"/>: visits and needs), so none can be taken in advance.
/// </summary>
public static class ChosenIds
{
    /// <summary>Refuses an id the office may not choose, with <paramref name="code"/> and the rule in words naming <paramref name="what"/>.</summary>
    public static void Check(string id, string code, string what)
    {
        CheckForm(id, code, what);
        RefuseReserved(id);
    }

    /// <summary>Refuses an id that is not 1 to 64 letters, digits, '-' or '_'.</summary>
    public static void CheckForm(string id, string code, string what)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length is not (> 0 and <= 64) || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw DomainException.Invalid(code, $"{what} has 1 to 64 letters, digits, '-' or '_'.", "id");
        }
    }

    /// <summary>The id a request chose (refused if it is one of the reserved forms), or else one minted from the caller and its key.</summary>
    public static string OrMinted(string? chosen, string kind, ActorRef actor, string? idempotencyKey)
    {
        if (chosen is null)
        {
            return Access.MintId(kind, actor, idempotencyKey);
        }

        RefuseReserved(chosen);
        return chosen;
    }

    /// <summary>
    /// Refuses an id of the forms the server makes (a visit's, a need's, and a matched need's project, <c>need-…</c>):
    /// where ids are chosen in a request, so that no one can take in advance one the server will make.
    /// </summary>
    public static void RefuseReserved(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.StartsWith($"{EngagementRules.VisitKind}-", StringComparison.Ordinal) || id.StartsWith("need-", StringComparison.Ordinal))
        {
            throw DomainException.Invalid("id.reserved", "Ids that begin with 'visit-' or 'need-' are made by the server for visits and needs.", "id");
        }
    }
}
