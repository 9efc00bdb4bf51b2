using System.Text.Json;
using Bijie.Actors.Fuzz;

// dotnet run --project tools/Bijie.Actors.Fuzz -c Release -- --url http://127.0.0.1:5080 --key-file .local/admin-api-key --count 20000
string url = "http://127.0.0.1:5080", keyFile = ".local/admin-api-key";
int seed = 1, count = 2000, parallelism = 4;
var json = false;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--url": url = Next(); break;
        case "--key-file": keyFile = Next(); break;
        case "--seed": seed = int.Parse(Next()); break;
        case "--count": count = int.Parse(Next()); break;
        case "--parallelism": parallelism = int.Parse(Next()); break;
        case "--json": json = true; break;
        default:
            Console.Error.WriteLine($"unknown option {args[i]}; options: --url URL --key-file FILE --seed N --count N --parallelism N --json");
            return 2;
    }
}

if (!File.Exists(keyFile))
{
    Console.Error.WriteLine($"no admin key at {keyFile} (./deploy/run.sh writes it to .local/admin-api-key)");
    return 2;
}

var options = new FuzzOptions(new Uri(url), (await File.ReadAllTextAsync(keyFile)).Trim(), seed, count, parallelism) { Log = json ? Console.Error : Console.Out };
var result = await FuzzRunner.RunAsync(options);
if (json)
{
    Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
}
else
{
    FuzzRunner.Print(result, Console.Out);
}

return result.Passed ? 0 : 1;
