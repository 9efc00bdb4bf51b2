namespace Bijie.Actors.Abstractions;

/// <summary>A pairing (结对), owner of the fact that its two sides are paired.</summary>
[Alias("Bijie.Actors.IPairingGrain")]
public interface IPairingGrain : IGrainWithStringKey, IChangeTracked
{
    /// <summary>Starts (or restarts after an end) the pairing; a pairing already active is refused (Conflict).</summary>
    [Alias("Start")]
    Task<PairingInfo> StartAsync(StartPairing request, ActorRef actor);

    /// <summary>
    /// Checks a start as <see cref="StartAsync"/> would, and the end that follows it at once when one is given (an
    /// import of an ended pairing), without making either: the dry run of an import refuses exactly what applying it would.
    /// </summary>
    [Alias("CheckStart")]
    Task CheckStartAsync(StartPairing request, DateOnly? end, string? endReason);

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
