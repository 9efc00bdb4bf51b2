using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Demo;
using Npgsql;

// The conventional design the benchmark compares the product with: one ASP.NET Core endpoint that does one
// PostgreSQL INSERT per report (the idempotency key unique), and boards computed with SUM … GROUP BY on every
// read. It serves the parts of the product's API the load generator uses, with the demo programme's pairings.
//   Bijie.Actors.Bench.Conventional --urls http://127.0.0.1:5090 --connection "Host=…;Database=…" --key TOKEN
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
var connection = builder.Configuration["connection"] ?? throw new InvalidOperationException("--connection is required");
var key = builder.Configuration["key"] ?? throw new InvalidOperationException("--key is required (the token clients send as Bearer)");
await using var db = new NpgsqlDataSourceBuilder(connection).Build();
var pairings = await Schema.PrepareAsync(db);
var app = builder.Build();

app.Use(async (context, next) =>
{
    if (context.Request.Headers.Authorization.ToString() != $"Bearer {key}")
    {
        await Results.Problem(statusCode: 401, title: "Unauthorized").ExecuteAsync(context);
        return;
    }

    await next(context);
});

app.MapGet("/api/v1/indicators", () => Indicators.All);
app.MapPost("/api/v1/api-keys", () => Results.Problem(statusCode: 403, title: "Forbidden", detail: "One key reports for everyone here."));
app.MapGet("/api/v1/pairings", (int? page, int? size) =>
{
    int p = page ?? 1, s = Math.Clamp(size ?? 50, 1, 200);
    var items = pairings.Values.OrderBy(x => x.Id, StringComparer.Ordinal).Skip((p - 1) * s).Take(s).ToArray();
    return new { items, next = p * s < pairings.Count ? $"/api/v1/pairings?page={p + 1}&size={s}" : null, total = pairings.Count };
});
app.MapGet("/api/v1/localities/{code}", (string code) => code == "5205"
    ? Results.Ok(new { code, name = "毕节市", officialName = "毕节市", level = "city", parentCode = (string?)null,
        children = Schema.Counties.Select(c => new { code = c, name = c }).ToArray() })
    : Results.Ok(new { code, name = code, officialName = code, level = "county", parentCode = "5205", children = Array.Empty<object>() }));

app.MapPost("/api/v1/reports", async (ReportBody body, HttpRequest request) =>
{
    var idempotencyKey = request.Headers["Idempotency-Key"].ToString();
    if (idempotencyKey.Length is 0 or > 200 || body.PairingId is null || !pairings.TryGetValue(body.PairingId, out var pairing)
        || body.Values is not { Count: 1 } || body.Values.First().Value <= 0)
    {
        return Results.Problem(statusCode: 400, title: "Invalid request");
    }

    var (indicator, value) = body.Values.First();
    await using var insert = db.CreateCommand("""
        INSERT INTO conv_reports (id, idem_key, pairing_id, county, locality, date, year, indicator, value)
        VALUES (@id, @k, @p, @c, @l, @d, @y, @i, @v)
        ON CONFLICT (idem_key) DO NOTHING RETURNING position
        """);
    var id = Guid.NewGuid();
    insert.Parameters.AddWithValue("id", id);
    insert.Parameters.AddWithValue("k", idempotencyKey);
    insert.Parameters.AddWithValue("p", pairing.Id);
    insert.Parameters.AddWithValue("c", pairing.LocalityCode[..Math.Min(6, pairing.LocalityCode.Length)]);
    insert.Parameters.AddWithValue("l", pairing.LocalityCode);
    insert.Parameters.AddWithValue("d", body.Date);
    insert.Parameters.AddWithValue("y", (short)body.Date.Year);
    insert.Parameters.AddWithValue("i", indicator);
    insert.Parameters.AddWithValue("v", value);
    if (await insert.ExecuteScalarAsync() is long position)
    {
        return Results.Created($"/api/v1/reports/{id}", new { id, position, replayed = false });
    }

    await using var find = db.CreateCommand("SELECT id, position FROM conv_reports WHERE idem_key = @k");
    find.Parameters.AddWithValue("k", idempotencyKey);
    await using var reader = await find.ExecuteReaderAsync();
    await reader.ReadAsync();
    return Results.Ok(new { id = reader.GetGuid(0), position = reader.GetInt64(1), replayed = true });
});

app.MapGet("/api/v1/boards/{code}", async (string code, int? year) =>
{
    var y = (short)(year ?? DateTime.UtcNow.Year);
    await using var sum = db.CreateCommand(code == "5205"
        ? "SELECT indicator, sum(value) FROM conv_reports WHERE year = @y GROUP BY indicator"
        : "SELECT indicator, sum(value) FROM conv_reports WHERE year = @y AND county = @c GROUP BY indicator");
    sum.Parameters.AddWithValue("y", y);
    sum.Parameters.AddWithValue("c", code);
    var figures = Indicators.All.ToDictionary(i => i.Code, i => new Figure(0, null, null, i.NameZh, i.NameEn, i.Unit));
    await using var reader = await sum.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        if (figures.TryGetValue(reader.GetString(0), out var f))
        {
            figures[reader.GetString(0)] = f with { Value = reader.GetDecimal(1) };
        }
    }

    return new { code, name = code, year = (int)y, indicators = figures };
});

app.MapGet("/api/v1/exports/reports.csv", async (string? locality, int year) =>
{
    await using var read = db.CreateCommand("SELECT id, pairing_id, date, indicator, value FROM conv_reports WHERE year = @y ORDER BY position");
    read.Parameters.AddWithValue("y", (short)year);
    var csv = new StringBuilder("\uFEFF填报编号,对象类型,对象编号,填报日期,指标代码,数值,填报人\n");
    await using var reader = await read.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        csv.Append(CultureInfo.InvariantCulture, $"{reader.GetGuid(0)},pairing,{reader.GetString(1)},{reader.GetFieldValue<DateOnly>(2):yyyy-MM-dd},{reader.GetString(3)},{reader.GetDecimal(4)},bench\n");
    }

    return Results.Text(csv.ToString(), "text/csv", Encoding.UTF8);
});

app.Run();

internal sealed record ReportBody(string? PairingId, DateOnly Date, IReadOnlyDictionary<string, decimal>? Values);

internal sealed record Figure(decimal Value, decimal? PreviousValue, decimal? YoyPercent, string NameZh, string NameEn, string Unit);

internal sealed record PairingRow(string Id, string Kind, string Status, string LocalityCode, string? HelperId, string? EnterpriseCode, string? PartnerId, string? Domain,
    DateOnly Start, DateOnly? End, string? EndReason, string ResponsibleStaffId, int Version);

internal static class Schema
{
    public static readonly string[] Counties = ["520502", "520521", "520523", "520524", "520525", "520526", "520527", "520581"];

    /// <summary>Creates the one table (with the indexes such a design has) and returns the demo's pairings.</summary>
    public static async Task<Dictionary<string, PairingRow>> PrepareAsync(NpgsqlDataSource db)
    {
        await using (var create = db.CreateCommand("""
            CREATE TABLE IF NOT EXISTS conv_reports (
              position bigserial PRIMARY KEY, id uuid NOT NULL, idem_key text NOT NULL UNIQUE, pairing_id text NOT NULL,
              county text NOT NULL, locality text NOT NULL, date date NOT NULL, year smallint NOT NULL, indicator text NOT NULL,
              value numeric NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
            CREATE INDEX IF NOT EXISTS conv_reports_year_county ON conv_reports (year, county);
            """))
        {
            await create.ExecuteNonQueryAsync();
        }

        // A pairing on a county is counted there; the demo's institution pairings have no place and are left out.
        var demo = new DemoProgramme();
        return demo.Pairings.Where(p => p.LocalityCode is not null)
            .Select(p => new PairingRow(PairingIds.For(p), p.Kind.ToString(), "active", p.LocalityCode!, p.HelperId, p.EnterpriseCode, null, null,
                p.Start, null, null, p.ResponsibleStaffId, 1))
            .ToDictionary(p => p.Id);
    }
}
