namespace Bijie.Actors.Abstractions;

/// <summary>Review entries' ids: one per report, derived from its id, so an approval is found without a search.</summary>
public static class Reviews
{
    public static Guid ApprovalId(Guid reportId) => Inboxes.NotificationId($"review:{reportId:N}");
}
