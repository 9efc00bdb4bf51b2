namespace Bijie.Actors.Web.Contracts;

/// <summary>The body of <c>POST /api/v1/visits</c>.</summary>
public sealed record RecordVisitRequest(
    string? Id, string? Batch, string? HelperId, Track? Track, IReadOnlyList<string>? People, int? PersonTimes, IReadOnlyList<string>? Places,
    DateOnly? From, DateOnly? To, string? Note)
{
    public RecordVisit ToCommand()
    {
        if (Id is not null)
        {
            throw DomainException.Invalid("visit.id", "A visit's id is made by the server; send an Idempotency-Key header to make a retry safe, not an id.", "id");
        }

        var from = Required.Of(From, "engagement.dates", "from");
        return new(Batch ?? "", HelperId ?? "", Track ?? Abstractions.Track.Regional, People ?? [], PersonTimes ?? 0, Places ?? [], from, To ?? from, Note);
    }
}

/// <summary>The body of a withdrawal.</summary>
public sealed record WithdrawRequest(string? Reason);

/// <summary>The body of <c>PUT /api/v1/expert-teams/{id}</c>.</summary>
public sealed record RegisterExpertTeamRequest(string? NameZh, ExpertTeamKind? Kind, Track? Track, IReadOnlyList<string>? HelperIds, IReadOnlyList<Expert>? Experts)
{
    public RegisterExpertTeam ToCommand() =>
        new(NameZh ?? "", Kind ?? ExpertTeamKind.ServiceTeam, Track ?? Abstractions.Track.Technology, HelperIds ?? [], Experts ?? []);
}

/// <summary>The body of <c>POST /api/v1/expert-teams/{id}/batches</c>.</summary>
public sealed record RecordServiceBatchRequest(string? Batch, IReadOnlyList<string>? Places, DateOnly? From, DateOnly? To, int? PersonTimes, string? Note)
{
    public RecordServiceBatch ToCommand()
    {
        var from = Required.Of(From, "engagement.dates", "from");
        return new(Batch ?? "", Places ?? [], from, To ?? from, PersonTimes ?? 0, Note);
    }
}

/// <summary>The body of <c>PUT /api/v1/platforms/{id}</c>.</summary>
public sealed record RegisterPlatformRequest(
    string? NameZh, PlatformKind? Kind, Track? Track, string? LocalityCode, IReadOnlyList<string>? HelperIds, DateOnly? EstablishedOn, string? Description)
{
    public RegisterPlatform ToCommand() => new(NameZh ?? "", Kind ?? PlatformKind.Other, Track ?? Abstractions.Track.Technology, LocalityCode ?? "", HelperIds ?? [],
        Required.Of(EstablishedOn, "platform.established", "establishedOn"), Description);
}

/// <summary>A team with its batches, newest first.</summary>
public sealed record ExpertTeamView(ExpertTeamInfo Team, IReadOnlyList<ServiceBatchInfo> Batches);
