namespace Bijie.Actors.Abstractions;

/// <summary>What a dry run found a good row would do: <c>create</c> a record, or <c>update</c> one that exists (the first 1000 rows).</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.ImportChange")]
public sealed record ImportChange([property: Id(0)] int Row, [property: Id(1)] string Action);
