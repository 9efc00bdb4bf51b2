namespace Bijie.Actors.Web.Http;

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

    /// <summary>Reads the page asked (<paramref name="read"/> takes the offset and the size) and answers it with the link to the next one.</summary>
    public static async Task<Ok<Page<T>>> PageAsync<T>(HttpRequest request, int? page, int? size, Func<int, int, Task<Slice<T>>> read)
    {
        var (p, s) = Paging(page, size);
        return TypedResults.Ok(Of(request, await read((p - 1) * s, s), p, s));
    }

    /// <summary>The same, each item mapped to its wire shape.</summary>
    public static async Task<Ok<Page<TOut>>> PageAsync<TIn, TOut>(HttpRequest request, int? page, int? size, Func<int, int, Task<Slice<TIn>>> read, Func<TIn, TOut> map)
    {
        var (p, s) = Paging(page, size);
        return TypedResults.Ok(Of(request, await read((p - 1) * s, s), p, s, map));
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

    /// <summary>A create's answer: 201 with the new thing's address, or 200 when the same create found it made already.</summary>
    public static Results<Created<T>, Ok<T>> CreatedOrFound<T>(bool existed, string location, T value) =>
        existed ? TypedResults.Ok(value) : TypedResults.Created(location, value);

    /// <summary>A grain's NotFound about something a body names (not the path) is the body's fault: a 400 naming the field.</summary>
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
