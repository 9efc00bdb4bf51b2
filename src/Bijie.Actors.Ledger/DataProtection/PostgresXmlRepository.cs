using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Bijie.Actors.Ledger;

/// <summary>Data-protection key ring elements in the table <c>data_protection_keys</c> (created on first use), in the
/// ledger's database: every host of a deployment reads the same key ring.</summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource db) : IXmlRepository
{
    private const string Create = """
        CREATE TABLE IF NOT EXISTS data_protection_keys (
          id         bigserial   PRIMARY KEY,
          name       text        NOT NULL UNIQUE,
          xml        text        NOT NULL,
          stored_at  timestamptz NOT NULL DEFAULT now()
        );
        """;

    private volatile bool created;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureTable();
        using var command = db.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY id");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        EnsureTable();
        // A key's friendly name is unique ("key-{id}"); a host that stores the same key again changes nothing.
        using var command = db.CreateCommand("INSERT INTO data_protection_keys (name, xml) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING");
        command.Parameters.AddWithValue(friendlyName);
        command.Parameters.AddWithValue(element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }

    private void EnsureTable()
    {
        if (created)
        {
            return;
        }

        using var command = db.CreateCommand(Create);
        try
        {
            command.ExecuteNonQuery();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateObject)
        {
            // Two hosts created it at the same moment: it exists.
        }

        created = true;
    }
}
