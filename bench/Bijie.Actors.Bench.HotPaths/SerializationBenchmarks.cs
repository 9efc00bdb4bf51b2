using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains.Rollups;
using Bijie.Actors.Web;
using Bijie.Actors.Web.Apis;
using Bijie.Actors.Web.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace Bijie.Actors.Bench.HotPaths;

/// <summary>The API's JSON, with the serializer options the web host configures (AddBijieWeb).</summary>
[MemoryDiagnoser]
public class ApiJsonBenchmarks
{
    private JsonSerializerOptions options = null!;
    private byte[] reportRequest = [];
    private ReportReceiptDto receipt = null!;
    private BoardDto cityBoard = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var services = new ServiceCollection().AddBijieWeb(new ConfigurationBuilder().Build()).BuildServiceProvider();
        options = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var report = SampleProgramme.Report(43, new DateOnly(SampleProgramme.Year, 6, 18));
        reportRequest = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(
            new ReportRequest(report.PairingId, report.ProjectId, report.Date, report.Values, report.Note ?? "村企共建：签约一笔，培训一批。"), options));
        receipt = new ReportReceiptDto(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), 1_234_567, Replayed: false, Warnings: []);
        var board = SampleProgramme.CityTotals().Board(Scopes.Locality(LocalityCodes.Bijie), SampleProgramme.Year);
        cityBoard = BoardDto.From(LocalityCodes.Bijie, "毕节市", board);
    }

    /// <summary>The body of POST /api/v1/reports bound to a ReportRequest.</summary>
    [Benchmark]
    public ReportRequest? ReadReportRequest() => JsonSerializer.Deserialize<ReportRequest>(reportRequest, options);

    /// <summary>The answer of POST /api/v1/reports (201 with the receipt).</summary>
    [Benchmark]
    public byte[] WriteReportReceipt() => JsonSerializer.SerializeToUtf8Bytes(receipt, options);

    /// <summary>The city board as GET /api/v1/boards/5205 writes it, once per change, for its cache.</summary>
    [Benchmark]
    public byte[] WriteCityBoard() => JsonSerializer.SerializeToUtf8Bytes(cityBoard, options);
}

/// <summary>The roll-up call's message between silos: Orleans' serializer round trip of a committed batch's deltas.</summary>
[MemoryDiagnoser]
public class BatchMessageBenchmarks
{
    private ServiceProvider services = null!;
    private Serializer serializer = null!;
    private IReadOnlyList<BatchDelta> cityMessage = [];
    private IReadOnlyList<IReadOnlyList<BatchDelta>> everyMessage = [];

    /// <summary>Entries in the committed batch.</summary>
    [Params(1, 32, 256)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(BatchDelta).Assembly)).BuildServiceProvider();
        serializer = services.GetRequiredService<Serializer>();
        var deltas = RollupDispatcher.Fold(SampleProgramme.Batch(1_000, Entries));
        var city = Scopes.Locality(LocalityCodes.Bijie);
        cityMessage = new List<BatchDelta> { deltas.Single(d => d.Scope == city).Delta };
        everyMessage = deltas.Select(d => (IReadOnlyList<BatchDelta>)new List<BatchDelta> { d.Delta }).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => services.Dispose();

    /// <summary>The city scope's ApplyAsync argument for the batch, serialised and read back.</summary>
    [Benchmark]
    public int CityMessageRoundTrip() => RoundTrip(cityMessage);

    /// <summary>Every scope's ApplyAsync argument for the batch (one message each), serialised and read back.</summary>
    [Benchmark]
    public int EveryMessageRoundTrip()
    {
        var count = 0;
        foreach (var message in everyMessage)
        {
            count += RoundTrip(message);
        }

        return count;
    }

    private int RoundTrip(IReadOnlyList<BatchDelta> message) =>
        serializer.Deserialize<IReadOnlyList<BatchDelta>>(serializer.SerializeToArray(message))!.Count;
}
