using Bijie.Actors.Abstractions.Configuration;

namespace Bijie.Actors.Web;

/// <summary>Options of the API (configuration section <c>Bijie:Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Bijie:Api";

    /// <summary>Boards and the public drill-down data (localities, pairings, projects) need no key.</summary>
    public bool PublicBoards { get; set; } = true;

    /// <summary>Requests per second one API key may make (twice that in a burst).</summary>
    [Positive] public int RequestsPerSecondPerKey { get; set; } = 200;

    /// <summary>Requests per second one address may make without a key (twice that in a burst).</summary>
    [Positive] public int AnonymousRequestsPerSecond { get; set; } = 100;

    /// <summary>Key ids this host holds no verdict on that one address may present per second (each costs a grain call).</summary>
    [Positive] public int KeyLookupsPerSecondPerAddress { get; set; } = 10;

    /// <summary>Sign-in attempts one address may make per minute (each costs a password hash).</summary>
    [Positive] public int SignInsPerMinutePerAddress { get; set; } = 30;

    /// <summary>How long a host refuses a key id its grain called unknown or revoked, without asking again.</summary>
    [Positive] public TimeSpan UnknownKeyMemory { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a host accepts a verified key without asking its grain again: a revoked key works this long at most.</summary>
    [Positive] public TimeSpan VerifiedKeyMemory { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most key verdicts one host remembers.</summary>
    [Positive] public int KeyCacheEntries { get; set; } = 100_000;

    /// <summary>The largest request body accepted, in bytes.</summary>
    [Positive] public long MaxBodyBytes { get; set; } = 1_048_576;
}
