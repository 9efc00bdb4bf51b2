using System.Text.RegularExpressions;
using Bijie.Actors.Abstractions;
using Bijie.Actors.Grains.Reports;
using Bijie.Actors.Web.OpenApi;

namespace Bijie.Actors.UnitTests;

/// <summary>
/// What the OpenAPI document claims that lives in tables of its own (src/Bijie.Actors.Web/OpenApi) is checked against
/// the code it describes, so that the tables cannot drift from it unnoticed.
/// </summary>
public sealed partial class ApiDocumentationTests
{
    private static string Source => Path.Combine(RepositoryRoot(), "src");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bijie.Actors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository's root (Bijie.Actors.sln) is not above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void The_documented_idempotency_key_length_is_the_length_the_server_takes()
    {
        Assert.Equal(LedgerEntries.MaxKeyLength, ParameterDocumentation.MaxIdempotencyKeyLength);
        LedgerEntries.ValidateKey(new string('k', ParameterDocumentation.MaxIdempotencyKeyLength));
        Assert.Throws<DomainException>(() => LedgerEntries.ValidateKey(new string('k', ParameterDocumentation.MaxIdempotencyKeyLength + 1)));
        Assert.Throws<DomainException>(() => LedgerEntries.ValidateKey(""));
        var actor = new ActorRef("helper-1", ActorRole.Helper, "minmeng-central");
        Assert.StartsWith("need-", Access.MintId("need", actor, new string('k', ParameterDocumentation.MaxIdempotencyKeyLength)));
        Assert.Throws<DomainException>(() => Access.MintId("need", actor, new string('k', ParameterDocumentation.MaxIdempotencyKeyLength + 1)));
    }

    [Fact]
    public void Every_code_in_the_error_examples_is_one_the_code_refuses_with()
    {
        var sources = Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}OpenApi{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        var codes = ErrorExamples.All().Select(e => e.Code).OfType<string>().Distinct().ToList();

        Assert.Contains("report.period_closed", codes);
        var unknown = codes.Where(code => !sources.Any(s => s.Contains($"\"{code}\"", StringComparison.Ordinal))).ToList();
        Assert.True(unknown.Count == 0, "codes no code in src/ refuses with: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Every_write_that_reads_if_match_is_documented_with_it()
    {
        var reading = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Source, "Bijie.Actors.Web", "Apis"), "*.cs"))
        {
            var text = File.ReadAllText(file);
            var operations = Mapped().Matches(text).ToDictionary(m => m.Groups["handler"].Value, m => m.Groups["name"].Value, StringComparer.Ordinal);
            var methods = Method().Matches(text).ToList();
            for (var i = 0; i < methods.Count; i++)
            {
                var end = i + 1 < methods.Count ? methods[i + 1].Index : text.Length;
                if (text[methods[i].Index..end].Contains("ETags.Expected(", StringComparison.Ordinal)
                    && operations.TryGetValue(methods[i].Groups["handler"].Value, out var name))
                {
                    reading.Add(name);
                }
            }
        }

        Assert.Contains("TransitionProject", reading);
        Assert.Equal(reading.Order(StringComparer.Ordinal), ParameterDocumentation.IfMatch.Order(StringComparer.Ordinal));
    }

    /// <summary><c>.MapPost("/{id}/end", EndAsync).WithName("EndPairing")</c>.</summary>
    [GeneratedRegex("""\.Map(?:Get|Post|Put|Delete|Patch)\(\s*"[^"]*",\s*(?<handler>\w+)\)\s*\.WithName\("(?<name>\w+)"\)""")]
    private static partial Regex Mapped();

    /// <summary>A handler's declaration: <c>public static async Task&lt;…&gt; EndAsync(</c>.</summary>
    [GeneratedRegex("""(?:public|private|internal) static [^=;{]*?\b(?<handler>\w+)\(""")]
    private static partial Regex Method();
}
