namespace Bijie.Actors.Web.Security;

/// <summary>Where a sign-in may send the browser back to: a path of this site, never another site.</summary>
public static class ReturnUrls
{
    /// <summary>
    /// The address itself when it is a path of this site, else "/". A path starts with one '/'; "//host" and "/\host"
    /// are other sites to a browser (it reads '\' as '/'), and it drops tabs and line breaks, so any control character
    /// or backslash is refused as well.
    /// </summary>
    public static string Safe(string? url) =>
        url is { Length: > 0 and <= 2048 } && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\'))
        && !url.Any(c => char.IsControl(c) || c == '\\')
            ? url
            : "/";

    /// <summary>
    /// Where a sign-in goes: the address asked for (made <see cref="Safe"/>), or, when none was asked for, the page the
    /// role works in: 填报 for enterprises and helpers, 办公室 for the office, its own board for a locality.
    /// </summary>
    public static string AfterSignIn(string? asked, ActorRole role, string? organizationId) =>
        !string.IsNullOrEmpty(asked) ? Safe(asked) : role switch
        {
            ActorRole.Enterprise or ActorRole.Helper => "/report.html",
            ActorRole.Office or ActorRole.Admin => "/office.html",
            ActorRole.Locality when organizationId is { Length: > 0 } code && code.All(char.IsAsciiDigit) => $"/locality.html?code={code}",
            _ => "/",
        };
}
