using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;

namespace Bijie.Actors.Web.OpenApi;

/// <summary>
/// What the OpenAPI document says beyond what the endpoints declare: the product's title and description, the two
/// ways to authenticate, every error an operation can answer, a description of every parameter, the Idempotency-Key
/// and If-Match headers, and examples. The endpoint files stay as they are; everything is added here, by transformers.
/// </summary>
public static partial class ApiDocumentation
{
    public const string Title = "毕节组团式帮扶平台 API · Bijie Pairing Assistance API";

    /// <summary>The API's version as the paths name it (<c>/api/v1</c>).</summary>
    public const string Version = "v1";

    /// <summary>Adds the transformers in the order they build on one another (the policy extension first: the errors and, in the document transformer, the security read it).</summary>
    public static OpenApiOptions AddBijieDocumentation(this OpenApiOptions options)
    {
        options.AddOperationTransformer<Security.AccessDocumentation>();
        options.AddOperationTransformer<DashboardOperations>();
        options.AddOperationTransformer<ParameterDocumentation>();
        options.AddOperationTransformer<ErrorResponses>();
        options.AddOperationTransformer<RequestExamples>();
        options.AddSchemaTransformer<StringSchemas>();
        options.AddSchemaTransformer<ReportSubjectSchema>();
        options.AddDocumentTransformer<DocumentDescription>();
        return options;
    }

    /// <summary>An operation's path as the document writes it: "/api/v1/reports/{id}" for "api/v1/reports/{id:guid}/".</summary>
    public static string PathOf(ApiDescription description) =>
        "/" + RouteParameter().Replace(description.RelativePath ?? "", "{$1}").Trim('/');

    /// <summary>A route parameter with its constraints, default or catch-all marks: <c>{**path}</c>, <c>{id:guid}</c>, <c>{page=1}</c>.</summary>
    [GeneratedRegex(@"\{\**([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
