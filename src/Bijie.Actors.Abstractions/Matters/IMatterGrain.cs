namespace Bijie.Actors.Abstractions;

/// <summary>A support matter (key: its id). Overdue matters escalate by an Orleans reminder, which outlives restarts and silos.</summary>
[Alias("Bijie.Actors.IMatterGrain")]
public interface IMatterGrain : IGrainWithStringKey, IChangeTracked
{
    [Alias("Raise")]
    Task<MatterInfo> RaiseAsync(RaiseMatter request, ActorRef actor);

    /// <summary>Takes the next step (交办 → 承办 → 办结 → 反馈); any other is refused naming the next.</summary>
    [Alias("Advance")]
    Task<MatterInfo> AdvanceAsync(MatterStep step, string? note, ActorRef actor, int? expectedVersion = null);

    [Alias("Get")]
    Task<MatterInfo> GetAsync();

    /// <summary>The silo this activation runs on (for operators, and for tests that stop it).</summary>
    [Alias("ServedBy")]
    Task<string> ServedByAsync();
}
