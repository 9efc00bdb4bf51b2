namespace Bijie.Actors.Web.Http;

/// <summary>Editable resources carry their version as an ETag; a write with a stale If-Match is a 412, so no editor overwrites another's change unseen.</summary>
public static class ETags
{
    public static void Set(HttpResponse response, int version) => response.Headers.ETag = $"\"{version}\"";

    /// <summary>200 with the resource, its version as the ETag.</summary>
    public static Ok<T> Ok<T>(HttpResponse response, int version, T value)
    {
        Set(response, version);
        return TypedResults.Ok(value);
    }

    /// <summary>The version an If-Match names; null when there is none (or "*").</summary>
    public static int? Expected(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }

        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return value.Length > 2 && value[0] == '"' && value[^1] == '"' && int.TryParse(value[1..^1], out var version)
            ? version
            : throw DomainException.Invalid("if_match", "If-Match carries the ETag of a GET, e.g. \"3\".", "If-Match");
    }
}
