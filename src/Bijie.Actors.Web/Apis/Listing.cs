namespace Bijie.Actors.Web.Apis;

/// <summary>A page of a listing and the link to the next one (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next, int Total);

/// <summary>Listings: ids from the roll-ups of the scopes filtered on, intersected, paged.</summary>
public static class Listing
{
    public const int MaxSize = 200;

    public static (int Page, int Size) Paging(int? page, int? size)
    {
        if (page is < 1 || size is < 1 or > MaxSize)
        {
            throw DomainException.Invalid("paging", $"page starts at 1; size is 1 to {MaxSize}.", page is < 1 ? "page" : "size");
        }

        return (page ?? 1, size ?? 50);
    }

    /// <summary>The scopes the filters name; Bijie as a whole when none is given. An unknown filter value is bad input.</summary>
    public static async Task<IReadOnlyList<string>> ScopesAsync(IGrainFactory grains, string? locality, string? enterprise, string? helper)
    {
        var scopes = new List<string>();
        if (locality is not null)
        {
            await InBody(() => grains.GetLocality(locality).GetAsync());
            scopes.Add(Scopes.Locality(locality));
        }

        if (enterprise is not null)
        {
            if (CreditCodes.Problem(enterprise) is { } problem)
            {
                throw DomainException.Invalid("enterprise.credit_code", problem, "enterprise");
            }

            scopes.Add(Scopes.Enterprise(enterprise));
        }

        if (helper is not null)
        {
            if (!HelperIds.IsValid(helper))
            {
                throw DomainException.Invalid("helper.id", $"'{helper}' is not a helper id (lower-case letters, digits and '-', 3–64 characters).", "helper");
            }

            scopes.Add(Scopes.Helper(helper));
        }

        return scopes.Count > 0 ? scopes : [Scopes.Locality(LocalityCodes.Bijie)];
    }

    /// <summary>The members of an indicator present in every scope.</summary>
    public static async Task<IReadOnlyList<string>> IntersectAsync(IGrainFactory grains, IReadOnlyList<string> scopes, string indicator, int? year)
    {
        IEnumerable<string>? ids = null;
        foreach (var scope in scopes)
        {
            var members = await grains.GetGrain<IScopeGrain>(scope).GetMembersAsync(indicator, year);
            ids = ids is null ? members : ids.Intersect(members);
        }

        return ids!.Order(StringComparer.Ordinal).ToArray();
    }

    public static string? NextLink(HttpRequest request, int page, int size, int total)
    {
        if (page * size >= total)
        {
            return null;
        }

        var query = request.Query.Where(q => q.Key is not "page").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"page={page + 1}");
        return $"{request.Path}?{string.Join('&', query)}";
    }

    /// <summary>The ids the server mints for what clients create (<see cref="Access.MintId"/>) are never the office's to choose.</summary>
    public static void RefuseMintedId(string id)
    {
        if (id.StartsWith($"{EngagementRules.VisitKind}-", StringComparison.Ordinal) || id.StartsWith("need-", StringComparison.Ordinal))
        {
            throw DomainException.Invalid("id.reserved", "Ids that begin with 'visit-' or 'need-' are made by the server for visits and needs.", "id");
        }
    }

    /// <summary>Whether a grain's thing exists already (its Get answers rather than NotFound): a create that finds it says so with 200, not 201.</summary>
    public static async Task<bool> ExistsAsync<T>(Func<Task<T>> get)
    {
        try
        {
            await get();
            return true;
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            return false;
        }
    }

    public static async Task<T> InBody<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            throw DomainException.Invalid(e.Code, e.Message, e.Field);
        }
    }
}
