using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace Bijie.Actors.Backup;

/// <summary>What to back up or restore.</summary>
public sealed record TableBackupOptions(string Command, string Connection, string Directory, string? ServiceId, IReadOnlyList<string> Tables)
{
    /// <summary>The tables the host writes: grain state and reminders.</summary>
    public static readonly IReadOnlyList<string> DefaultTables = ["BijieGrainState", "BijieReminders"];

    public static TableBackupOptions Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new ArgumentException("a command is required");
        }

        string? connection = Environment.GetEnvironmentVariable("ConnectionStrings__AzureTables"), dir = null, serviceId = null;
        var tables = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--connection": connection = Next(); break;
                case "--dir": dir = Next(); break;
                case "--service-id": serviceId = Next(); break;
                case "--table": tables.Add(Next()); break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }

        return new TableBackupOptions(args[0],
            connection is { Length: > 0 } ? connection : throw new ArgumentException("--connection (or ConnectionStrings__AzureTables) is required"),
            dir ?? (args[0] == "wipe" ? "." : throw new ArgumentException("--dir is required")),
            serviceId, tables.Count > 0 ? tables : DefaultTables);
    }
}

/// <summary>
/// Copies Table storage rows to JSON lines (one file per table, every property with its EDM type) and back. With a
/// service id only that deployment's rows are touched: Orleans starts every grain-state and reminder partition
/// key with it, so several deployments may share one storage account.
/// </summary>
public sealed class TableBackup(TableBackupOptions options)
{
    private readonly TableServiceClient service = new(options.Connection);

    private bool Ours(string partitionKey) => options.ServiceId is null || partitionKey.StartsWith(options.ServiceId, StringComparison.Ordinal);

    public async Task<IReadOnlyList<(string Table, int Rows)>> ExportAsync()
    {
        Directory.CreateDirectory(options.Directory);
        var result = new List<(string, int)>();
        foreach (var name in options.Tables)
        {
            var rows = 0;
            var path = Path.Combine(options.Directory, $"{name}.jsonl");
            await using (var writer = new StreamWriter(path + ".partial"))
            {
                if (await ExistsAsync(name))
                {
                    await foreach (var entity in service.GetTableClient(name).QueryAsync<TableEntity>())
                    {
                        if (Ours(entity.PartitionKey))
                        {
                            await writer.WriteLineAsync(Serialize(entity));
                            rows++;
                        }
                    }
                }
            }

            File.Move(path + ".partial", path, overwrite: true); // a file present is a complete table
            result.Add((name, rows));
        }

        return result;
    }

    public async Task<IReadOnlyList<(string Table, int Rows)>> ImportAsync()
    {
        var result = new List<(string, int)>();
        foreach (var name in options.Tables)
        {
            var path = Path.Combine(options.Directory, $"{name}.jsonl");
            if (!File.Exists(path))
            {
                throw new ArgumentException($"{path} is missing: not a complete backup");
            }

            var table = service.GetTableClient(name);
            await table.CreateIfNotExistsAsync();
            var rows = 0;
            var batch = new List<TableTransactionAction>();
            string? partition = null;
            foreach (var line in File.ReadLines(path))
            {
                var entity = Deserialize(line);
                if (!Ours(entity.PartitionKey))
                {
                    continue;
                }

                // A transaction holds at most 100 rows of one partition.
                if (batch.Count == 100 || (partition is not null && partition != entity.PartitionKey))
                {
                    await table.SubmitTransactionAsync(batch);
                    batch.Clear();
                }

                partition = entity.PartitionKey;
                batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
                rows++;
            }

            if (batch.Count > 0)
            {
                await table.SubmitTransactionAsync(batch);
            }

            result.Add((name, rows));
        }

        return result;
    }

    public async Task<IReadOnlyList<(string Table, int Rows)>> WipeAsync()
    {
        var result = new List<(string, int)>();
        foreach (var name in options.Tables)
        {
            var rows = 0;
            if (await ExistsAsync(name))
            {
                var table = service.GetTableClient(name);
                await foreach (var entity in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                {
                    if (Ours(entity.PartitionKey))
                    {
                        await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey);
                        rows++;
                    }
                }
            }

            result.Add((name, rows));
        }

        return result;
    }

    private async Task<bool> ExistsAsync(string name)
    {
        await foreach (var _ in service.QueryAsync(t => t.Name == name))
        {
            return true;
        }

        return false;
    }

    /// <summary>One row as JSON: keys, and each property as { type, value } so that a restore writes the same EDM types.</summary>
    public static string Serialize(TableEntity entity)
    {
        var properties = new JsonObject();
        foreach (var (key, value) in entity)
        {
            if (key is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag" || value is null)
            {
                continue;
            }

            properties[key] = value switch
            {
                string s => Typed("String", JsonValue.Create(s)),
                int n => Typed("Int32", JsonValue.Create(n)),
                long n => Typed("Int64", JsonValue.Create(n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                double d => Typed("Double", JsonValue.Create(d)),
                bool b => Typed("Boolean", JsonValue.Create(b)),
                DateTimeOffset t => Typed("DateTime", JsonValue.Create(t.ToString("O"))),
                DateTime t => Typed("DateTime", JsonValue.Create(new DateTimeOffset(t.ToUniversalTime()).ToString("O"))),
                Guid g => Typed("Guid", JsonValue.Create(g.ToString())),
                byte[] bytes => Typed("Binary", JsonValue.Create(Convert.ToBase64String(bytes))),
                BinaryData data => Typed("Binary", JsonValue.Create(Convert.ToBase64String(data.ToArray()))),
                _ => throw new InvalidOperationException($"Property {key} of {entity.PartitionKey}/{entity.RowKey} has a type Table storage does not hold: {value.GetType()}"),
            };
        }

        return new JsonObject { ["pk"] = entity.PartitionKey, ["rk"] = entity.RowKey, ["p"] = properties }.ToJsonString();
    }

    private static JsonObject Typed(string type, JsonNode? value) => new() { ["t"] = type, ["v"] = value };

    public static TableEntity Deserialize(string line)
    {
        var row = JsonNode.Parse(line)!.AsObject();
        var entity = new TableEntity(row["pk"]!.GetValue<string>(), row["rk"]!.GetValue<string>());
        foreach (var (key, node) in row["p"]!.AsObject())
        {
            var v = node!["v"]!;
            entity[key] = node["t"]!.GetValue<string>() switch
            {
                "String" => v.GetValue<string>(),
                "Int32" => v.GetValue<int>(),
                "Int64" => long.Parse(v.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
                "Double" => v.GetValue<double>(),
                "Boolean" => v.GetValue<bool>(),
                "DateTime" => DateTimeOffset.Parse(v.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
                "Guid" => Guid.Parse(v.GetValue<string>()),
                "Binary" => Convert.FromBase64String(v.GetValue<string>()),
                var t => throw new InvalidDataException($"Unknown type {t} of {key}"),
            };
        }

        return entity;
    }
}
