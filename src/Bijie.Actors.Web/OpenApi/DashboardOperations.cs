using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Bijie.Actors.Web.OpenApi;

/// <summary>
/// The Orleans Dashboard's routes (mapped by the host under <c>/dashboard</c>, admins only) come from a package that
/// names and describes none of them: they get a tag and a summary here, by path. Only these paths are summarised
/// here: an endpoint of this project without a summary stays without one, and the document's test finds it.
/// </summary>
public sealed class DashboardOperations : IOpenApiOperationTransformer
{
    public const string Tag = "Orleans Dashboard";

    public const string PathPrefix = "/dashboard";

    private static readonly Dictionary<string, string> Summaries = new(StringComparer.Ordinal)
    {
        [""] = "The dashboard's page (admins only)",
        ["/index.html"] = "The dashboard's page (admins only)",
        ["/favicon.ico"] = "The dashboard's icon",
        ["/index.min.js"] = "The dashboard's script",
        ["/index.css"] = "The dashboard's style sheet",
        ["/fonts/{path}"] = "A font file of the dashboard",
        ["/img/{path}"] = "An image of the dashboard",
        ["/version"] = "The dashboard's version",
        ["/DashboardCounters"] = "The cluster's counters: silos, activations, grain types and their call rates",
        ["/ClusterStats"] = "The cluster's request statistics over the last minutes",
        ["/Reminders"] = "The first page of the cluster's reminders",
        ["/Reminders/{page}"] = "A page of the cluster's reminders",
        ["/HistoricalStats/{path}"] = "A silo's statistics over the last minutes",
        ["/SiloProperties/{address}"] = "A silo's properties (version, host, start time)",
        ["/SiloMetadata/{address}"] = "A silo's metadata",
        ["/SiloStats/{address}"] = "A silo's statistics over the last minutes",
        ["/SiloCounters/{address}"] = "A silo's runtime counters",
        ["/GrainStats/{grainName}"] = "A grain type's call statistics per silo",
        ["/TopGrainMethods"] = "The grain methods called most, slowest and failing most",
        ["/GrainState"] = "A grain's state, as the dashboard's grain page reads it",
        ["/LifecycleStages"] = "The silo lifecycle's stages",
        ["/GrainTypes"] = "The grain types of the cluster",
        ["/Trace"] = "The host's log, streamed while the page is open",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var path = ApiDocumentation.PathOf(context.Description);
        if (!path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase) || !Summaries.TryGetValue(path[PathPrefix.Length..], out var summary))
        {
            return Task.CompletedTask;
        }

        operation.Summary ??= summary;
        operation.Tags = new HashSet<OpenApiTagReference> { new(Tag, context.Document) };
        return Task.CompletedTask;
    }
}
