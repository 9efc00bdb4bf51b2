namespace Bijie.Actors.Abstractions;

/// <summary>The rules both kinds of engagement records share.</summary>
public static class EngagementRules
{
    /// <summary>The kinds a ledger entry's body names for records that are not progress reports.</summary>
    public const string VisitKind = "visit", ServiceBatchKind = "expert_service";

    public const int MaxPlaces = 50, MaxPeople = 200, MaxExperts = 200, MaxPersonTimes = 100_000;
}
