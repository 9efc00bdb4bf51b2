namespace Bijie.Actors.Abstractions;

/// <summary>
/// A request to start a pairing. The helper side is <see cref="HelperId"/> (Regional, Township, Institution) or
/// <see cref="EnterpriseCode"/> (EnterpriseVillage); the other side is <see cref="LocalityCode"/> (county,
/// township or village by kind) or <see cref="PartnerId"/> (the local institution, Institution kind).
/// </summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.StartPairing")]
public sealed record StartPairing(
    [property: Id(0)] PairingKind Kind,
    [property: Id(1)] string? HelperId,
    [property: Id(2)] string? EnterpriseCode,
    [property: Id(3)] string? LocalityCode,
    [property: Id(4)] string? PartnerId,
    [property: Id(5)] Track? Domain,
    [property: Id(6)] DateOnly Start,
    [property: Id(7)] string ResponsibleStaffId,
    [property: Id(8)] string? Note = null)
{
    /// <summary>
    /// A request whose sides are those its kind needs (a helper or an enterprise; a locality or a partner institution)
    /// and which names its responsible person; refused with the field at fault otherwise. The API and the imports
    /// both build their requests here.
    /// </summary>
    public static StartPairing Checked(
        PairingKind kind, string? helperId, string? enterpriseCode, string? localityCode, string? partnerId, Track? domain, DateOnly start,
        string? responsibleStaffId, string? note)
    {
        if (!Enum.IsDefined(kind))
        {
            throw DomainException.Invalid("pairing.kind", "kind is Regional, Township, EnterpriseVillage or Institution.", "kind");
        }

        if (kind == PairingKind.EnterpriseVillage ? enterpriseCode is null : helperId is null)
        {
            throw DomainException.Invalid("pairing.helper", kind == PairingKind.EnterpriseVillage ? "enterpriseCode is required." : "helperId is required.",
                kind == PairingKind.EnterpriseVillage ? "enterpriseCode" : "helperId");
        }

        if (kind == PairingKind.Institution ? partnerId is null : localityCode is null)
        {
            throw DomainException.Invalid("pairing.side", kind == PairingKind.Institution ? "partnerId is required." : "localityCode is required.",
                kind == PairingKind.Institution ? "partnerId" : "localityCode");
        }

        return new StartPairing(kind, helperId, enterpriseCode, localityCode, partnerId, domain, start,
            responsibleStaffId ?? throw DomainException.Invalid("staff.unknown", "responsibleStaffId is required.", "responsibleStaffId"), note);
    }
}
