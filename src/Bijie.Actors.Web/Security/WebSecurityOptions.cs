using Bijie.Actors.Abstractions.Configuration;
using Microsoft.Extensions.Configuration;

namespace Bijie.Actors.Web.Security;

/// <summary>How the web edge is protected (configuration section <c>Bijie:Web</c>): proxies, cookies, sign-in waits.</summary>
public sealed class WebSecurityOptions
{
    public const string Section = "Bijie:Web";

    /// <summary>The section, bound and checked (the composition root reads it while it composes).</summary>
    public static WebSecurityOptions From(IConfiguration configuration) =>
        ValidatedOptions.Check(configuration.GetSection(Section).Get<WebSecurityOptions>() ?? new WebSecurityOptions(), Section);

    /// <summary>
    /// The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed, comma-separated addresses or
    /// networks (<c>127.0.0.1</c>, <c>10.0.0.0/8</c>). None by default: a client cannot choose the address its
    /// limits are counted against.
    /// </summary>
    public string? ForwardedProxies { get; set; }

    /// <summary>
    /// Cookies are always marked Secure, whatever scheme the request seems to have. For a host behind a TLS proxy whose
    /// forwarded headers are not configured; otherwise a request over https gets Secure cookies anyway.
    /// </summary>
    public bool RequireHttps { get; set; }

    /// <summary>Answers over https carry Strict-Transport-Security (one year).</summary>
    public bool Hsts { get; set; } = true;

    /// <summary>How long a host trusts its last answer that a session is still going before it asks the account again.</summary>
    [Positive] public TimeSpan SessionCheck { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Failed sign-ins one address may make for one user name before it has to wait.</summary>
    [Positive] public int FreeFailuresPerName { get; set; } = 3;

    /// <summary>Failed sign-ins one address may make, whatever the names, before it has to wait.</summary>
    [Positive] public int FreeFailuresPerAddress { get; set; } = 20;

    /// <summary>The first wait; each further failure doubles it.</summary>
    [Positive] public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait for one user name from one address.</summary>
    [Positive] public TimeSpan MaxDelayPerName { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait for one address.</summary>
    [Positive] public TimeSpan MaxDelayPerAddress { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Failures are forgotten after this long without another.</summary>
    [Positive] public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromMinutes(15);
}
