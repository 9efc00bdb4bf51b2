namespace Bijie.Actors.Abstractions;

/// <summary>A pairing as it stands; <see cref="Version"/> counts its changes.</summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.PairingInfo")]
public sealed record PairingInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] PairingKind Kind,
    [property: Id(2)] PairingStatus Status,
    [property: Id(3)] string? HelperId,
    [property: Id(4)] string? EnterpriseCode,
    [property: Id(5)] string? PartnerId,
    [property: Id(6)] string LocalityCode,
    [property: Id(7)] Track? Domain,
    [property: Id(8)] DateOnly Start,
    [property: Id(9)] DateOnly? End,
    [property: Id(10)] string? EndReason,
    [property: Id(11)] string ResponsibleStaffId,
    [property: Id(12)] string? Note,
    [property: Id(13)] int Version,
    [property: Id(14)] string ChangedBy,
    [property: Id(15)] DateTimeOffset ChangedAt);
