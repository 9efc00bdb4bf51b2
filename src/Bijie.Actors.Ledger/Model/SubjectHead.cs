namespace Bijie.Actors.Ledger;

/// <summary>The latest change of a pairing or project as the ledger holds it.</summary>
public sealed record SubjectHead(string SubjectId, int Version, long Position, string Body);
