namespace Bijie.Actors.Abstractions;

/// <summary>
/// A notification in an inbox: what happened, and what it is about (<see cref="Target"/>), which the web turns into a
/// link to the page where the reader deals with it. (Field 4, once a page link written here, is retired.)
/// </summary>
[GenerateSerializer, Immutable, Alias("Bijie.Actors.Notification")]
public sealed record Notification(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Title,
    [property: Id(3)] string? Body,
    [property: Id(7)] NoticeTarget? Target,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] bool Read);
