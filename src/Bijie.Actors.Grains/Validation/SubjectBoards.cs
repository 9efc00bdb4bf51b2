using Bijie.Actors.Abstractions;

namespace Bijie.Actors.Grains.Validation;

/// <summary>A subject's roll-up boards by year, each read at most once while one report is checked.</summary>
internal sealed class SubjectBoards(IScopeGrain rollup)
{
    private readonly Dictionary<int, Task<Board>> years = [];

    public Task<Board> YearAsync(int year)
    {
        if (!years.TryGetValue(year, out var board))
        {
            years[year] = board = rollup.GetBoardAsync(year);
        }

        return board;
    }
}
