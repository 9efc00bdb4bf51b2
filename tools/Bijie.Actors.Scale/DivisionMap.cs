namespace Bijie.Actors.Scale;

/// <summary>The villages of the map the hosts loaded, and the city (地级) each lies in.</summary>
public sealed record DivisionMap(IReadOnlyList<string> Villages, int Cities, int Counties, int Townships)
{
    public static DivisionMap Read(string path)
    {
        var villages = new List<string>();
        int cities = 0, counties = 0, townships = 0;
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var level = line.Split(',', 3)[1];
            switch (level)
            {
                case "village": villages.Add(line[..12]); break;
                case "township": townships++; break;
                case "county": counties++; break;
                case "city": cities++; break;
            }
        }

        return new DivisionMap(villages, cities, counties, townships);
    }

    /// <summary>The villages in an order fixed by the seed: the first ones are paired, the next ones read cold.</summary>
    public IReadOnlyList<string> Shuffled(int seed)
    {
        var order = Villages.ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }
}
