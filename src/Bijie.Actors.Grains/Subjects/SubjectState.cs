namespace Bijie.Actors.Grains.Subjects;

/// <summary>Stored state of a subject: its latest snapshot (the ledger holds its history).</summary>
[GenerateSerializer, Alias("Bijie.Actors.SubjectState`1")]
public sealed class SubjectState<TInfo>
{
    [Id(0)] public TInfo? Info { get; set; }
}
