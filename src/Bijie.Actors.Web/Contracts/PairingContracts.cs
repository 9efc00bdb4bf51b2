namespace Bijie.Actors.Web.Contracts;

/// <summary>The body of <c>POST /api/v1/pairings</c>.</summary>
public sealed record StartPairingRequest(
    PairingKind Kind, string? HelperId, string? EnterpriseCode, string? LocalityCode, string? PartnerId, Track? Domain,
    DateOnly Start, string? ResponsibleStaffId, string? Note)
{
    public StartPairing ToCommand() =>
        StartPairing.Checked(Kind, HelperId, EnterpriseCode, LocalityCode, PartnerId, Domain, Start, ResponsibleStaffId, Note);
}

/// <summary>The body of <c>POST /api/v1/pairings/{id}/end</c>.</summary>
public sealed record EndPairingRequest(DateOnly End, string? Reason);

/// <summary>A pairing as the API writes it.</summary>
public sealed record PairingDto(
    string Id, string Kind, string Status, string LocalityCode, string? HelperId, string? EnterpriseCode, string? PartnerId,
    string? Domain, DateOnly Start, DateOnly? End, string? EndReason, string ResponsibleStaffId, int Version)
{
    public static PairingDto From(PairingInfo p) => new(
        p.Id, p.Kind.ToString(), p.Status == PairingStatus.Active ? "active" : "ended", p.LocalityCode, p.HelperId, p.EnterpriseCode, p.PartnerId,
        p.Domain?.Code(), p.Start, p.End, p.EndReason, p.ResponsibleStaffId, p.Version);
}
