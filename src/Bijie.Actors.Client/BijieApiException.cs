using System.Net;

namespace Bijie.Actors.Client;

/// <summary>The API refused a request: its RFC 9457 problem details.</summary>
public sealed class BijieApiException(HttpStatusCode status, string? title, string? detail, string? code, IReadOnlyDictionary<string, string[]>? errors)
    : Exception($"{(int)status} {title}: {detail}")
{
    public HttpStatusCode Status { get; } = status;

    public string? Title { get; } = title;

    public string? Detail { get; } = detail;

    /// <summary>The model's stable code (e.g. <c>idempotency.key_reused</c>), where there is one.</summary>
    public string? Code { get; } = code;

    /// <summary>Field-level errors.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();
}
