using Microsoft.AspNetCore.Mvc;

namespace Bijie.Actors.Web.Contracts;

/// <summary>The body of <c>POST /api/v1/visits</c>.</summary>
public sealed record RecordVisitRequest(
    string? Id, string? Batch, string? HelperId, Track? Track, IReadOnlyList<string>? People, int? PersonTimes, IReadOnlyList<string>? Places,
    DateOnly? From, DateOnly? To, string? Note);

/// <summary>The body of a withdrawal.</summary>
public sealed record WithdrawRequest(string? Reason);

/// <summary>The body of <c>PUT /api/v1/expert-teams/{id}</c>.</summary>
public sealed record RegisterExpertTeamRequest(string? NameZh, ExpertTeamKind? Kind, Track? Track, IReadOnlyList<string>? HelperIds, IReadOnlyList<Expert>? Experts);

/// <summary>The body of <c>POST /api/v1/expert-teams/{id}/batches</c>.</summary>
public sealed record RecordServiceBatchRequest(string? Batch, IReadOnlyList<string>? Places, DateOnly? From, DateOnly? To, int? PersonTimes, string? Note);

/// <summary>The body of <c>PUT /api/v1/platforms/{id}</c>.</summary>
public sealed record RegisterPlatformRequest(
    string? NameZh, PlatformKind? Kind, Track? Track, string? LocalityCode, IReadOnlyList<string>? HelperIds, DateOnly? EstablishedOn, string? Description);

/// <summary>A team with its batches, newest first.</summary>
public sealed record ExpertTeamView(ExpertTeamInfo Team, IReadOnlyList<ServiceBatchInfo> Batches);
