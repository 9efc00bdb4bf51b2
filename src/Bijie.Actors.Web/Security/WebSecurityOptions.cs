namespace Bijie.Actors.Web.Security;

/// <summary>How the browser side is protected (configuration section <c>Bijie:Web</c>).</summary>
public sealed class WebSecurityOptions
{
    public const string Section = "Bijie:Web";

    /// <summary>
    /// Cookies are always marked Secure, whatever scheme the request seems to have. For a host behind a TLS proxy whose
    /// forwarded headers are not configured; otherwise a request over https gets Secure cookies anyway.
    /// </summary>
    public bool RequireHttps { get; set; }

    /// <summary>Answers over https carry Strict-Transport-Security (one year).</summary>
    public bool Hsts { get; set; } = true;

    /// <summary>How long a host trusts its last answer that a session is still going before it asks the account again.</summary>
    public TimeSpan SessionCheck { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Failed sign-ins one address may make for one user name before it has to wait.</summary>
    public int FreeFailuresPerName { get; set; } = 3;

    /// <summary>Failed sign-ins one address may make, whatever the names, before it has to wait.</summary>
    public int FreeFailuresPerAddress { get; set; } = 20;

    /// <summary>The first wait; each further failure doubles it.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait for one user name from one address.</summary>
    public TimeSpan MaxDelayPerName { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait for one address.</summary>
    public TimeSpan MaxDelayPerAddress { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Failures are forgotten after this long without another.</summary>
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromMinutes(15);
}
