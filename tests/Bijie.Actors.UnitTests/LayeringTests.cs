using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Web.Contracts;

namespace Bijie.Actors.UnitTests;

/// <summary>
/// The silo side speaks the domain, the web speaks HTTP: no page, API route or HTTP header is written in the grains or
/// the contracts (read from the compiled assemblies' string literals, so a new one anywhere fails here), and the web
/// turns the domain's terms into them.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string[] WebWords = [".html", "/api/", "Idempotency-Key", "If-Match", "http://", "https://", "ReturnUrl"];

    [Theory]
    [InlineData(typeof(Grains.Reports.ReportIntakeGrain))]
    [InlineData(typeof(Notification))]
    public void The_silo_side_writes_no_page_route_or_header(Type anyTypeOfTheAssembly)
    {
        var found = Literals(anyTypeOfTheAssembly.Assembly)
            .Where(literal => WebWords.Any(word => literal.Contains(word, StringComparison.OrdinalIgnoreCase)))
            .ToArray();
        Assert.True(found.Length == 0, $"{anyTypeOfTheAssembly.Assembly.GetName().Name} writes: {string.Join(" | ", found)}");
    }

    [Theory]
    [InlineData(typeof(Demo.DemoProgramme), "Bijie.Actors.Grains")]
    [InlineData(typeof(Divisions.DivisionCatalog), "Bijie.Actors.Grains")]
    [InlineData(typeof(Grains.Reports.ReportIntakeGrain), "Bijie.Actors.Web")]
    [InlineData(typeof(Notification), "Bijie.Actors.Grains")]
    public void A_project_does_not_reach_into_the_layer_it_must_stand_apart_from(Type anyTypeOfTheAssembly, string forbidden)
    {
        // The demo programme is entered through the grain interfaces (the benchmarks take it without the grains); the
        // division tree is reference data; the grains never know the web; the contracts never know the grains.
        var references = anyTypeOfTheAssembly.Assembly.GetReferencedAssemblies().Select(a => a.Name).ToArray();
        Assert.Contains("Bijie.Actors.Abstractions", references.Append(anyTypeOfTheAssembly.Assembly.GetName().Name));
        Assert.DoesNotContain(forbidden, references);
    }

    [Fact]
    public void The_check_reads_the_literals_it_guards()
    {
        // The web side does write pages: the reader finds them, so an empty answer above is not a reader that reads nothing.
        Assert.Contains(Literals(typeof(InboxItem).Assembly), l => l.Contains("/report.html", StringComparison.Ordinal));
    }

    [Fact]
    public void A_notice_opens_the_page_where_its_reader_deals_with_it()
    {
        var report = Guid.NewGuid();
        var helper = new ActorRef("key-h", ActorRole.Helper, "minge-central");
        var office = new ActorRef("key-o", ActorRole.Office);
        Assert.Equal($"/report.html?subject=pairing:ev-a%20b&returned={report}",
            InboxItem.PageOf(NoticeTarget.ReturnedReport("pairing", "ev-a b", report), helper));
        Assert.Equal("/project.html?id=p-1", InboxItem.PageOf(NoticeTarget.Project("p-1"), office));
        Assert.Equal("/office.html#matters", InboxItem.PageOf(NoticeTarget.Matter("m-1"), office));
        Assert.Equal("/report.html", InboxItem.PageOf(NoticeTarget.Matter("m-1"), helper));
        Assert.Equal("/office.html#supervision", InboxItem.PageOf(NoticeTarget.Supervision, office));
        Assert.Null(InboxItem.PageOf(null, office));
    }

    /// <summary>Every string literal of an assembly (its metadata's user strings, interpolation parts included).</summary>
    private static IEnumerable<string> Literals(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var metadata = pe.GetMetadataReader();
        var literals = new List<string>();
        for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = metadata.GetNextHandle(handle))
        {
            literals.Add(metadata.GetUserString(handle));
        }

        return literals;
    }
}
