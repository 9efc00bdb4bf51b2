namespace Bijie.Actors.Abstractions;

/// <summary>An inbox (key: <see cref="Inboxes"/>): the latest notifications, newest first, read or not. Bounded.</summary>
[Alias("Bijie.Actors.IInboxGrain")]
public interface IInboxGrain : IGrainWithStringKey
{
    [Alias("Notify")]
    Task NotifyAsync(Notification notification);

    [Alias("List")]
    Task<IReadOnlyList<Notification>> ListAsync();

    [Alias("MarkRead")]
    Task MarkReadAsync(Guid id);
}
