using Bijie.Actors.Web.Apis;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Bijie.Actors.Web.OpenApi;

/// <summary>
/// A report is on exactly one subject, a pairing or a project: the body's schema says so with a <c>oneOf</c> of the
/// two shapes (one id a string, the other absent or null), so a client generated from the document cannot send both
/// or neither, and a reader sees the rule the server refuses with 400 <c>report.subject</c>.
/// </summary>
public sealed class ReportSubjectSchema : IOpenApiSchemaTransformer
{
    private const string Pairing = "pairingId";
    private const string Project = "projectId";

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type != typeof(ReportRequest) || schema.Properties is null)
        {
            return Task.CompletedTask;
        }

        if (schema.Properties.TryGetValue(Pairing, out var pairing) && pairing is OpenApiSchema p)
        {
            p.Description = "The pairing reported on (`ev-…`, as `GET /api/v1/pairings` lists them). Exactly one of `pairingId` and `projectId`.";
        }

        if (schema.Properties.TryGetValue(Project, out var project) && project is OpenApiSchema q)
        {
            q.Description = "The project reported on (as `GET /api/v1/projects` lists them). Exactly one of `pairingId` and `projectId`.";
        }

        schema.Description = "A progress report on exactly one subject: a pairing (`pairingId`) or a project (`projectId`), never both, never neither.";
        schema.OneOf = [Shape(Pairing, Project), Shape(Project, Pairing)];
        return Task.CompletedTask;
    }

    /// <summary>The shape where <paramref name="named"/> is a string and <paramref name="other"/> is absent or null.</summary>
    private static OpenApiSchema Shape(string named, string other) => new()
    {
        Required = new HashSet<string>(StringComparer.Ordinal) { named },
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            [named] = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1 },
            [other] = new OpenApiSchema { Type = JsonSchemaType.Null },
        },
    };
}
