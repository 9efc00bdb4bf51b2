using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Engagements;

/// <summary>The persisted state of an expert team: who it is (its batches are in the ledger).</summary>
[GenerateSerializer, Alias("Bijie.Actors.ExpertTeamState")]
public sealed class ExpertTeamState : Changes.IChangeVersioned
{
    [Id(0)] public ExpertTeamInfo? Info { get; set; }

    /// <summary>The version of the last change recorded for it (<see cref="Changes.ChangeTrail"/>).</summary>
    [Id(1)] public int ChangeVersion { get; set; }
}
