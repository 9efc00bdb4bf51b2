namespace Bijie.Actors.Abstractions;

/// <summary>Roles of the people and programs that act on the programme.</summary>
public enum ActorRole
{
    Viewer = 0,
    Helper = 1,
    Enterprise = 2,
    Office = 3,
    Admin = 4,
    /// <summary>The system itself (demo loader, start-up work).</summary>
    System = 5,

    /// <summary>A county's, township's or village's office (its division code is the organisation): posts needs there.</summary>
    Locality = 6,
}
