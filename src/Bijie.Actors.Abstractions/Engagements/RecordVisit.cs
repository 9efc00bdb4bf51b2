namespace Bijie.Actors.Abstractions;

/// <summary>
/// A research visit (调研指导) as recorded: a batch of people from a helper visiting places in Bijie. Recording it
/// counts one batch and its person-times in every place it went to (and the levels above), in the helper's and
/// the track's figures: the board indicators research_visit_* come from these records only.
/// </summary>
/// <param name="Batch">The batch's name as the office writes it (e.g. 2023年第3批).</param>
/// <param name="HelperId">The helper organisation that sent it.</param>
/// <param name="Track">The track it served (regional for a committee's own county, else a domain).</param>
/// <param name="People">Who went (leaders by name; may be a selection).</param>
/// <param name="PersonTimes">Person-times counted (人次), at least one per person named.</param>
/// <param name="Places">The division codes of the places visited (county, township or village), at least one.</param>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="Note">What was looked into.</param>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.RecordVisit")]
public sealed record RecordVisit(
    [property: Id(0)] string Batch,
    [property: Id(1)] string HelperId,
    [property: Id(2)] Track Track,
    [property: Id(3)] IReadOnlyList<string> People,
    [property: Id(4)] int PersonTimes,
    [property: Id(5)] IReadOnlyList<string> Places,
    [property: Id(6)] DateOnly From,
    [property: Id(7)] DateOnly To,
    [property: Id(8)] string? Note);
