namespace Bijie.Actors.Abstractions;

/// <summary>Reference data every silo holds: the staff directory.</summary>
[Alias("Bijie.Actors.IReferenceGrain")]
public interface IReferenceGrain : IGrainWithIntegerKey
{
    [Alias("GetStaff")]
    Task<IReadOnlyList<StaffMember>> GetStaffAsync();
}
