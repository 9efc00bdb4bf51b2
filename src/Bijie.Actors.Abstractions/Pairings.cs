namespace Bijie.Actors.Abstractions;

/// <summary>The four kinds of pairing.</summary>
public enum PairingKind
{
    /// <summary>地域帮扶: a party's national committee (or ACFIC) with a county.</summary>
    Regional = 0,

    /// <summary>结成帮扶对子: a unit with a township.</summary>
    Township = 1,

    /// <summary>村企结对共建: an enterprise with a village.</summary>
    EnterpriseVillage = 2,

    /// <summary>点对点: an institution with a local institution (四川大学华西医院 ↔ 大方县人民医院).</summary>
    Institution = 3,
}

public enum PairingStatus
{
    /// <summary>Never started.</summary>
    None = 0,
    Active = 1,
    Ended = 2,
}

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

/// <summary>Pairing ids follow from their two sides, so one pair has one pairing grain and a duplicate is seen at once.</summary>
public static class PairingIds
{
    public static string For(StartPairing request) => request.Kind switch
    {
        PairingKind.Regional => $"rg-{request.HelperId}-{request.LocalityCode}",
        PairingKind.Township => $"ts-{request.HelperId}-{request.LocalityCode}",
        PairingKind.EnterpriseVillage => $"ev-{request.EnterpriseCode}-{request.LocalityCode}",
        _ => $"in-{request.HelperId}-{request.PartnerId}",
    };
}

/// <summary>A pairing (结对), owner of the fact that its two sides are paired.</summary>
[Alias("Bijie.Actors.IPairingGrain")]
public interface IPairingGrain : IGrainWithStringKey
{
    /// <summary>Starts (or restarts after an end) the pairing; a pairing already active is refused (Conflict).</summary>
    [Alias("Start")]
    Task<PairingInfo> StartAsync(StartPairing request, ActorRef actor);

    /// <summary>Ends the pairing on a date, with a reason.</summary>
    [Alias("End")]
    Task<PairingInfo> EndAsync(DateOnly end, string reason, ActorRef actor, int? expectedVersion = null);

    /// <summary>Makes another person of the staff directory responsible for the pairing.</summary>
    [Alias("AssignResponsible")]
    Task<PairingInfo> AssignResponsibleAsync(string staffId, ActorRef actor, int? expectedVersion = null);

    /// <summary>The pairing; NotFound when it was never started.</summary>
    [Alias("Get")]
    Task<PairingInfo> GetAsync();

    /// <summary>What a report on this pairing counts in.</summary>
    [Alias("GetReportContext")]
    Task<ReportContext> GetReportContextAsync();
}

/// <summary>How a person reads a pairing or a project: its two sides ("民建中央 ↔ 黔西市") or its title.</summary>
public static class SubjectNames
{
    /// <summary>
    /// The name of a pairing (<paramref name="kind"/> anything but "project") or a project; null for a pairing never started.
    /// Throws the grains' NotFound for a project or a side that does not exist.
    /// </summary>
    public static async Task<string?> SubjectNameAsync(this IGrainFactory grains, string subjectId, string kind)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (kind == "project")
        {
            return (await grains.GetGrain<IProjectGrain>(subjectId).GetAsync()).Title;
        }

        var pairing = await grains.GetGrain<IPairingGrain>(subjectId).GetAsync();
        if (pairing.Status == PairingStatus.None)
        {
            return null;
        }

        var helper = pairing.EnterpriseCode is { } code
            ? (await grains.GetGrain<IEnterpriseGrain>(code).GetAsync()).Name
            : pairing.HelperId is { } id ? (await grains.GetGrain<IHelperGrain>(id).GetAsync()).NameZh : null;
        var other = pairing.PartnerId is { } partner
            ? (await grains.GetGrain<IHelperGrain>(partner).GetAsync()).NameZh
            : (await grains.GetLocality(pairing.LocalityCode).GetAsync()).Name;
        return helper is null ? other : $"{helper} ↔ {other}";
    }
}
