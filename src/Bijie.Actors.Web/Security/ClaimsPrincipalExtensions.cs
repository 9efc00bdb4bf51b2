namespace Bijie.Actors.Web.Security;

/// <summary>Who is calling, as the grains know actors.</summary>
public static class ClaimsPrincipalExtensions
{
    public static ActorRef ToActor(this ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous",
        Enum.TryParse<ActorRole>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : ActorRole.Viewer,
        user.FindFirstValue(ApiKeyAuthenticationHandler.OrganizationClaim));
}
