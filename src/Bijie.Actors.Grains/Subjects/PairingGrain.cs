using Bijie.Actors.Abstractions;
using Bijie.Actors.Divisions;
using Bijie.Actors.Grains.Localities;
using Bijie.Actors.Grains.Reference;
using Bijie.Actors.Ledger;

namespace Bijie.Actors.Grains.Subjects;

/// <summary>
/// A pairing, keyed by its two sides (<see cref="PairingIds"/>), so one pair has one grain: a second active
/// pairing of the same pair is refused by the only activation that could create it.
/// </summary>
public sealed class PairingGrain(
    [PersistentState("pairing", StorageNames.Default)] IPersistentState<SubjectState<PairingInfo>> state,
    ILedger ledger,
    TimeProvider time,
    DivisionCatalog divisions) : SubjectGrain<PairingInfo>(state, ledger, time), IPairingGrain
{
    public async Task<PairingInfo> StartAsync(StartPairing request, ActorRef actor)
    {
        var (retry, localityCode) = await CheckStartAsync(request);
        if (retry is not null)
        {
            return retry; // a retry of the start that made it
        }

        var next = new PairingInfo(
            this.GetPrimaryKeyString(), request.Kind, PairingStatus.Active, request.HelperId, request.EnterpriseCode, request.PartnerId, localityCode,
            request.Domain, request.Start, null, null, request.ResponsibleStaffId, request.Note,
            (Info?.Version ?? 0) + 1, actor.Id, Time.GetUtcNow());
        return await CommitAsync(next, actor, request.Start);
    }

    public async Task CheckStartAsync(StartPairing request, DateOnly? end, string? endReason)
    {
        var (retry, _) = await CheckStartAsync(request);
        if (end is { } day && (retry is null || retry.Status == PairingStatus.Active))
        {
            CheckEnd(request.Start, day, endReason ?? "");
        }
    }

    /// <summary>Every rule of a start: the id its sides make, no other active term, the sides, the staff, the dates, the note.</summary>
    private async Task<(PairingInfo? Retry, string LocalityCode)> CheckStartAsync(StartPairing request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = this.GetPrimaryKeyString();
        if (PairingIds.For(request) != id)
        {
            throw DomainException.Invalid("pairing.id", $"A pairing of these sides is '{PairingIds.For(request)}', not '{id}'.");
        }

        if (Info is { Status: PairingStatus.Active } active)
        {
            if (active.Start == request.Start && active.Domain == request.Domain && active.ResponsibleStaffId == request.ResponsibleStaffId)
            {
                return (active, active.LocalityCode);
            }

            throw DomainException.Conflict("pairing.duplicate", $"'{id}' is already active since {active.Start:yyyy-MM-dd}.");
        }

        var localityCode = await ValidateSidesAsync(request);
        StaffDirectory.Require(request.ResponsibleStaffId);
        if (request.Start > Today)
        {
            throw DomainException.Invalid("pairing.start_in_future", $"The start {request.Start:yyyy-MM-dd} is after today ({Today:yyyy-MM-dd}, Asia/Shanghai).", "start");
        }

        if (Info is { End: { } previousEnd } && request.Start < previousEnd)
        {
            throw DomainException.Invalid("pairing.overlap", $"The pairing ended on {previousEnd:yyyy-MM-dd}; a new term cannot start before.", "start");
        }

        if (request.Note is { Length: > 500 })
        {
            throw DomainException.Invalid("pairing.note", "A note has at most 500 characters.", "note");
        }

        return (null, localityCode);
    }

    private void CheckEnd(DateOnly start, DateOnly end, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            throw DomainException.Invalid("pairing.end_reason", "Ending a pairing needs a reason of at most 500 characters.", "reason");
        }

        if (end < start || end > Today)
        {
            throw DomainException.Invalid("pairing.end_date", $"The end must lie between the start ({start:yyyy-MM-dd}) and today.", "end");
        }
    }

    public async Task<PairingInfo> EndAsync(DateOnly end, string reason, ActorRef actor, int? expectedVersion = null)
    {
        CheckVersion(expectedVersion);
        var current = Info is { Status: PairingStatus.Active } active
            ? active
            : throw DomainException.Conflict("pairing.not_active", $"'{this.GetPrimaryKeyString()}' is not active.");
        CheckEnd(current.Start, end, reason);
        var next = current with
        {
            Status = PairingStatus.Ended, End = end, EndReason = reason.Trim(),
            Version = current.Version + 1, ChangedBy = actor.Id, ChangedAt = Time.GetUtcNow(),
        };
        return await CommitAsync(next, actor, end);
    }

    public async Task<PairingInfo> AssignResponsibleAsync(string staffId, ActorRef actor, int? expectedVersion = null)
    {
        CheckVersion(expectedVersion);
        var current = Info is { Status: PairingStatus.Active } active
            ? active
            : throw DomainException.Conflict("pairing.not_active", $"'{this.GetPrimaryKeyString()}' is not active.");
        StaffDirectory.Require(staffId);
        if (current.ResponsibleStaffId == staffId)
        {
            return current;
        }

        var next = current with { ResponsibleStaffId = staffId, Version = current.Version + 1, ChangedBy = actor.Id, ChangedAt = Time.GetUtcNow() };
        return await CommitAsync(next, actor, Today);
    }

    public Task<PairingInfo> GetAsync() => Task.FromResult(Info
        ?? throw DomainException.NotFound("pairing.unknown", $"No pairing '{this.GetPrimaryKeyString()}'.", "pairingId"));

    public Task<ReportContext> GetReportContextAsync()
    {
        var info = Info ?? throw DomainException.NotFound("pairing.unknown", $"No pairing '{this.GetPrimaryKeyString()}'.", "pairingId");
        return Task.FromResult(new ReportContext(
            info.Id, info.Status == PairingStatus.Active, info.Start, ReportScopes(info),
            info.HelperId is null ? [] : [info.HelperId], info.EnterpriseCode));
    }

    protected override int VersionOf(PairingInfo info) => info.Version;

    protected override IEnumerable<LedgerLine> MembershipLines(PairingInfo p)
    {
        var scopes = ReportScopes(p);
        int from = p.Start.Year;
        int? to = p.End?.Year;
        yield return Member(Scopes.AllPairings, p.Id, from, to, scopes);
        if (p.Status == PairingStatus.Active)
        {
            yield return Member(Scopes.ActivePairings, p.Id, from, null, scopes);
        }

        switch (p.Kind)
        {
            case PairingKind.Township:
                yield return Member(Indicators.TownshipPairingUnits, p.HelperId!, from, to, scopes);
                yield return Member(Indicators.TownshipPairingTownships, p.LocalityCode, from, to, scopes);
                break;
            case PairingKind.EnterpriseVillage:
                yield return Member(Indicators.EnterprisePairingEnterprises, p.EnterpriseCode!, from, to, scopes);
                yield return Member(Indicators.EnterprisePairingVillages, p.LocalityCode, from, to, scopes);
                break;
        }
    }

    private static IReadOnlyList<string> ReportScopes(PairingInfo p)
    {
        var scopes = LocalityScopes(p.LocalityCode).ToList();
        if ((p.Domain ?? (p.Kind == PairingKind.Regional ? Track.Regional : null)) is { } track)
        {
            scopes.Add(Scopes.Track(track));
        }

        if (p.HelperId is not null)
        {
            scopes.Add(Scopes.Helper(p.HelperId));
        }

        if (p.PartnerId is not null)
        {
            scopes.Add(Scopes.Helper(p.PartnerId));
        }

        if (p.EnterpriseCode is not null)
        {
            scopes.Add(Scopes.Enterprise(p.EnterpriseCode));
        }

        scopes.Add(Scopes.Subject(p.Id));
        return scopes;
    }

    /// <summary>Checks both sides exist and fit the kind; returns the pairing's locality.</summary>
    private async Task<string> ValidateSidesAsync(StartPairing request)
    {
        LocalityLevel? level = request.Kind switch
        {
            PairingKind.Regional => LocalityLevel.County,
            PairingKind.Township => LocalityLevel.Township,
            PairingKind.EnterpriseVillage => LocalityLevel.Village,
            _ => null,
        };

        if (request.Kind == PairingKind.EnterpriseVillage)
        {
            if (CreditCodes.Problem(request.EnterpriseCode) is { } problem)
            {
                throw DomainException.Invalid("enterprise.credit_code", problem, "enterpriseCode");
            }

            await GrainFactory.GetGrain<IEnterpriseGrain>(request.EnterpriseCode!).GetAsync();
        }
        else
        {
            var helper = await GrainFactory.GetGrain<IHelperGrain>(request.HelperId ?? "").GetAsync();
            var fits = request.Kind switch
            {
                PairingKind.Regional => helper.Kind is HelperKind.PartyCentralCommittee or HelperKind.FederationOfIndustryAndCommerce or HelperKind.VocationalEducationSociety,
                PairingKind.Township => helper.Kind is not HelperKind.LocalInstitution,
                _ => helper.Kind is HelperKind.Institution or HelperKind.PartyCentralCommittee or HelperKind.PartyProvincialCommittee,
            };
            if (!fits)
            {
                throw DomainException.Invalid("pairing.helper_kind", $"A {helper.Kind} cannot be the helper of a {request.Kind} pairing.", "helperId");
            }
        }

        if (request.Kind == PairingKind.Institution)
        {
            var partner = await GrainFactory.GetGrain<IHelperGrain>(request.PartnerId ?? "").GetAsync();
            if (partner.Kind != HelperKind.LocalInstitution || partner.LocalityCode is null)
            {
                throw DomainException.Invalid("pairing.partner_kind", $"'{partner.Id}' is not a local institution of Bijie.", "partnerId");
            }

            return partner.LocalityCode;
        }

        var locality = divisions.Get(request.LocalityCode ?? "", "localityCode");
        if (locality.Level != level)
        {
            throw DomainException.Invalid("pairing.locality_level", $"A {request.Kind} pairing is with a {level!.Value.Name()}; '{locality.Code}' is a {locality.Level.Name()}.", "localityCode");
        }

        if (request.Domain is Track.Regional && request.Kind != PairingKind.Regional)
        {
            throw DomainException.Invalid("pairing.domain", "Only a regional pairing is on the regional track.", "domain");
        }

        return locality.Code;
    }
}
