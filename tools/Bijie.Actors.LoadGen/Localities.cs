using Bijie.Actors.Client;

namespace Bijie.Actors.LoadGen;

/// <summary>The localities whose boards a run watches and checks: the city and its counties.</summary>
public static class Localities
{
    /// <summary>Bijie's GB/T 2260 code.</summary>
    public const string City = "5205";

    public const string CityName = "毕节市";

    /// <summary>The city's counties, as the server lists them (code and name).</summary>
    public static async Task<(string Code, string Name)[]> CountiesAsync(BijieClient admin, CancellationToken cancellationToken) =>
        (await admin.GetLocalityAsync(City, cancellationToken)).Children.Select(c => (c.Code, c.Name)).ToArray();
}
