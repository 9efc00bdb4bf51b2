using System.Globalization;
using Npgsql;

namespace Bijie.Actors.Ledger;

/// <summary>The ledger's connections, with the session settings its commits rely on.</summary>
public static class LedgerDataSource
{
    /// <summary>
    /// A data source whose sessions PostgreSQL ends when they sit idle inside a transaction for longer than
    /// <see cref="LedgerOptions.IdleInTransactionTimeout"/>: what releases the head's lock of a commit whose host went
    /// silent. Options already in the connection string are kept.
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString, LedgerOptions options)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var milliseconds = ((long)options.IdleInTransactionTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var idle = $"-c idle_in_transaction_session_timeout={milliseconds}";
        builder.ConnectionStringBuilder.Options = string.IsNullOrWhiteSpace(builder.ConnectionStringBuilder.Options)
            ? idle
            : $"{builder.ConnectionStringBuilder.Options} {idle}";
        return builder.Build();
    }
}
