using Bijie.Actors.Abstractions;
using Orleans.Concurrency;

namespace Bijie.Actors.Grains.Reference;

/// <summary>Serves the embedded reference data from whichever silo is asked.</summary>
[StatelessWorker]
public sealed class ReferenceGrain : Grain, IReferenceGrain
{
    public Task<IReadOnlyList<StaffMember>> GetStaffAsync() => Task.FromResult(StaffDirectory.All);
}
