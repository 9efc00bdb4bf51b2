namespace Bijie.Actors.Grains.Needs;

/// <summary>Options of needs (configuration section <c>Bijie:Needs</c>).</summary>
public sealed class NeedOptions
{
    public const string Section = "Bijie:Needs";

    /// <summary>The open needs one locality's office may hold at once; the programme office is not limited.</summary>
    [Abstractions.Configuration.Positive] public int MaxOpenPerLocality { get; set; } = 200;
}
