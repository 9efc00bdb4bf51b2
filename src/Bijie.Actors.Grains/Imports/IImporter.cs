using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Imports;

/// <summary>One kind of import: checks a row into what it would apply, and applies it.</summary>
internal interface IImporter
{
    Task<object> CheckAsync(ImportRowReader row, int number, ActorRef actor);

    /// <summary>What applying a checked row would do: "create", or "update" of a record that exists.</summary>
    Task<string> ActionAsync(object item) => Task.FromResult("create");

    IEnumerable<ImportError> CheckTogether(IReadOnlyList<(int Row, object Item)> rows) => [];

    Task ApplyAsync(object item, int row, ActorRef actor);
}
