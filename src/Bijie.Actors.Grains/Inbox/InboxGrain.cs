using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Inbox;

/// <summary>An organisation's inbox: the latest <see cref="Size"/> notifications; older ones drop off.</summary>
public sealed class InboxGrain(
    [PersistentState("inbox", StorageNames.Default)] IPersistentState<List<Notification>> inbox) : Grain, IInboxGrain
{
    public const int Size = 200;

    public async Task NotifyAsync(Notification notification)
    {
        if (inbox.State.Any(n => n.Id == notification.Id))
        {
            return; // the same notification again (a retried caller)
        }

        inbox.State.Add(notification);
        if (inbox.State.Count > Size)
        {
            inbox.State.RemoveRange(0, inbox.State.Count - Size);
        }

        await inbox.WriteStateAsync();
    }

    public Task<IReadOnlyList<Notification>> ListAsync() =>
        Task.FromResult<IReadOnlyList<Notification>>(inbox.State.AsEnumerable().Reverse().ToArray());

    public async Task MarkReadAsync(Guid id)
    {
        var index = inbox.State.FindIndex(n => n.Id == id);
        if (index < 0)
        {
            throw DomainException.NotFound("notification.unknown", $"No notification '{id}' in this inbox.", "id");
        }

        if (!inbox.State[index].Read)
        {
            inbox.State[index] = inbox.State[index] with { Read = true };
            await inbox.WriteStateAsync();
        }
    }
}
