namespace Bijie.Actors.Web.Security;

/// <summary>The API key an Authorization header carries (<c>Bearer bjk_…</c>), read without consulting any store.</summary>
public static class ApiKeyBearer
{
    public static bool TryParse(string? authorization, out string id, out string secret)
    {
        id = secret = "";
        return authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && ApiKeyTokens.TryParse(authorization["Bearer ".Length..].Trim(), out id, out secret);
    }
}
