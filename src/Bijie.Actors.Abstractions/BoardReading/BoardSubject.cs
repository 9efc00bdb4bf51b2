namespace Bijie.Actors.Abstractions;

/// <summary>What a board other than a locality's is of.</summary>
public enum BoardSubject
{
    Project,
    Pairing,
    Helper,
    Enterprise,
    Track,
}
