using Bijie.Actors.Abstractions;

namespace Bijie.Actors.UnitTests;

public sealed class ScopeTests
{
    [Theory]
    [InlineData("L:520527004002", ScopeKind.Locality, "520527004002")]
    [InlineData("E:91520500MA6DL2XXXX", ScopeKind.Enterprise, "91520500MA6DL2XXXX")]
    [InlineData("H:minge-central", ScopeKind.Helper, "minge-central")]
    [InlineData("S:ev-a:b", ScopeKind.Subject, "ev-a:b")]
    [InlineData("T:health", ScopeKind.Track, "health")]
    [InlineData("active_pairings", ScopeKind.Other, "active_pairings")]
    [InlineData("X:1", ScopeKind.Other, "X:1")]
    public void A_scope_reads_back_as_the_string_it_was_parsed_from(string text, ScopeKind kind, string id)
    {
        var scope = Scope.Parse(text);
        Assert.Equal(kind, scope.Kind);
        Assert.Equal(id, scope.Id);
        Assert.Equal(text, scope.ToString());
        Assert.Equal(kind, Scope.KindOf(text));
    }

    [Fact]
    public void The_ids_of_one_kind_are_picked_from_a_lines_scopes_in_order()
    {
        string[] scopes = [Scopes.Locality("5205"), Scopes.Helper("h1"), Scopes.Locality("520527"), Scopes.Enterprise("e1"), Scopes.Helper("h2")];
        Assert.Equal(["5205", "520527"], Scopes.IdsOf(scopes, ScopeKind.Locality));
        Assert.Equal(["h1", "h2"], Scopes.IdsOf(scopes, ScopeKind.Helper));
    }
}
