using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains.Organizations;
using Bijie.Actors.Grains.Reports;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Grains.Engagements;

/// <summary>The persisted state of an expert team: who it is (its batches are in the ledger).</summary>
[GenerateSerializer, Alias("Bijie.Actors.ExpertTeamState")]
public sealed class ExpertTeamState
{
    [Id(0)] public ExpertTeamInfo? Info { get; set; }
}
