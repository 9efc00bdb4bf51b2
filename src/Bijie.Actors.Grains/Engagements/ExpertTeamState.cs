using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Engagements;

/// <summary>The persisted state of an expert team: who it is (its batches are in the ledger).</summary>
[GenerateSerializer, Alias("Bijie.Actors.ExpertTeamState")]
public sealed class ExpertTeamState
{
    [Id(0)] public ExpertTeamInfo? Info { get; set; }
}
