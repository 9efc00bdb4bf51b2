namespace Bijie.Actors.Abstractions;

/// <summary>A request to raise a support matter (争取支持事项) with a helper.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.RaiseMatter")]
public sealed record RaiseMatter(
    [property: Id(0)] string Title,
    [property: Id(1)] string? Description,
    [property: Id(2)] string HelperId,
    [property: Id(3)] string? LocalityCode,
    [property: Id(4)] Track? Domain,
    [property: Id(5)] string ResponsibleStaffId,
    [property: Id(6)] DateOnly Due);
