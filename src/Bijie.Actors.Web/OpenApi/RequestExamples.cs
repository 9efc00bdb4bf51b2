using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Bijie.Actors.Web.OpenApi;

/// <summary>Examples of the reports' request bodies, with indicator codes of the catalogue (Indicators).</summary>
public sealed class RequestExamples : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, (string Name, string Summary, Func<JsonObject> Body)[]> ByOperation = new(StringComparer.Ordinal)
    {
        ["SubmitReport"] =
        [
            ("pairing", "An enterprise reports on its village pairing", () => new JsonObject
            {
                ["pairingId"] = "ev-91520527MA6HX4K21X-520527004002",
                ["date"] = "2024-06-12",
                ["values"] = new JsonObject { [Indicators.PeopleTrained] = 12, [Indicators.TalentTrainingPersonTimes] = 30 },
                ["note"] = "茶园管护培训两期，村民 12 人参加",
            }),
            ("project", "A helper reports money landed on a project", () => new JsonObject
            {
                ["projectId"] = "p20240301-9f8e7d6c",
                ["date"] = "2024-06-28",
                ["values"] = new JsonObject { [Indicators.InvestmentLandedYuan] = 1250000.00m },
                ["note"] = "首期资金到位",
            }),
        ],
        ["CorrectReport"] =
        [
            ("correction", "The same pairing, the figure corrected", () => new JsonObject
            {
                ["pairingId"] = "ev-91520527MA6HX4K21X-520527004002",
                ["date"] = "2024-06-12",
                ["values"] = new JsonObject { [Indicators.PeopleTrained] = 15 },
                ["note"] = "更正：参加培训 15 人",
            }),
        ],
        ["ReverseReport"] =
        [
            ("reversal", "Withdraws a report filed twice", () => new JsonObject { ["reason"] = "重复填报" }),
        ],
        ["ReviewReport"] =
        [
            ("approve", "The office approves", () => new JsonObject { ["decision"] = "Approve" }),
            ("return", "The office returns it to the reporter", () => new JsonObject { ["decision"] = "Return", ["reason"] = "培训人数与签到表不符，请核实后重新填报" }),
        ],
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is not { } id || !ByOperation.TryGetValue(id, out var examples)
            || operation.RequestBody is not OpenApiRequestBody { Content: { } content } || !content.TryGetValue("application/json", out var media))
        {
            return Task.CompletedTask;
        }

        media.Examples ??= new Dictionary<string, IOpenApiExample>(StringComparer.Ordinal);
        foreach (var (name, summary, body) in examples)
        {
            media.Examples[name] = new OpenApiExample { Summary = summary, Value = body() };
        }

        return Task.CompletedTask;
    }
}
