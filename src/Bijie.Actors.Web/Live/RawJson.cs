using System.Text.Json.Serialization;

namespace Bijie.Actors.Web.Live;

/// <summary>
/// JSON already serialised (a board from <see cref="BoardCache"/>), sent on the hub as it is: SignalR writes these
/// bytes into its message instead of parsing them into a document and serialising that again.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed record RawJson(byte[] Utf8);
