namespace Bijie.Actors.Web.Apis;

/// <summary>A page of a listing and the link to the next one (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next, int Total);

/// <summary>Paging of the listings (<see cref="IListings"/> on the silo side reads them): the page and size asked, the next link.</summary>
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

    /// <summary>A slice of a listing as the page the API answers, with the link to the next page.</summary>
    public static Page<T> Of<T>(HttpRequest request, Slice<T> slice, int page, int size) =>
        new(slice.Items, NextLink(request, page, size, slice.Total), slice.Total);

    /// <summary>The same, each item mapped to its wire shape.</summary>
    public static Page<TOut> Of<TIn, TOut>(HttpRequest request, Slice<TIn> slice, int page, int size, Func<TIn, TOut> map) =>
        new(slice.Items.Select(map).ToArray(), NextLink(request, page, size, slice.Total), slice.Total);

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
