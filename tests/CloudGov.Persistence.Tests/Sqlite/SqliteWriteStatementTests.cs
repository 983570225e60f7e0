using CloudGov.ControlPlane.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudGov.Persistence.Tests.Sqlite;

/// <summary>
/// The writer's prepared statements bind through SQLitePCL directly; what they store must be byte for byte what
/// <see cref="SqliteCommand"/> stored for the same values (audit rows are hashed over what was written, and rows of the
/// previous release are read by this one), and a failing statement must fail like a command and stay usable.
/// </summary>
[TestFixture]
public sealed class SqliteWriteStatementTests
{
    private string _directory = string.Empty;

    [SetUp]
    public void CreateDirectory() => _directory = Path.Combine(Path.GetTempPath(), $"cloudgov-sqlite-statement-{Guid.NewGuid():N}");

    [TearDown]
    public void DeleteDirectory()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static readonly object?[] Values =
    [
        string.Empty,
        "qr-000000000001",
        "邕宁区 政务云 · 大数据局",
        "emoji 😀 and é",
        "before\0after",
        "\0",
        "lone \ud800 high surrogate",
        "lone \udc00 low surrogate at the end \ud83d",
        new string('政', 700),   // beyond the statement's stack buffer
        null,
        new byte[] { 0, 1, 2, 254, 255 },
        Array.Empty<byte>(),
        42L,
        long.MinValue,
    ];

    [Test]
    public async Task Set_EveryKindOfValue_StoresWhatSqliteCommandStores()
    {
        await using var database = Open();
        var rows = await database.WriteAsync(context =>
        {
            context.Command("CREATE TABLE probe (k INTEGER PRIMARY KEY, by_command, by_statement);").ExecuteNonQuery();
            var statement = context.Prepared("INSERT INTO probe (k, by_statement) VALUES ($k, $v);", "$k", "$v");
            for (int k = 0; k < Values.Length; k++)
            {
                var command = context.Command("UPDATE probe SET by_command = $v WHERE k = $k;");
                statement.Set(0, k);
                switch (Values[k])
                {
                    case string text: statement.Set(1, text); break;
                    case byte[] blob: statement.Set(1, blob); break;
                    case long number: statement.Set(1, number); break;
                    default: statement.Set(1, (string?)null); break;
                }

                statement.Run();
                command.Parameters.AddWithValue("$k", k);
                command.Parameters.AddWithValue("$v", Values[k] ?? DBNull.Value);
                Assert.That(command.ExecuteNonQuery(), Is.EqualTo(1));
            }

            var read = context.Command("SELECT k, typeof(by_command), typeof(by_statement), hex(by_command), hex(by_statement) FROM probe ORDER BY k;");
            using var reader = read.ExecuteReader();
            var found = new List<(long K, string TypeByCommand, string TypeByStatement, string BytesByCommand, string BytesByStatement)>();
            while (reader.Read())
            {
                found.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
            }

            return found;
        });

        Assert.That(rows, Has.Count.EqualTo(Values.Length));
        Assert.Multiple(() =>
        {
            foreach (var row in rows)
            {
                Assert.That(row.TypeByStatement, Is.EqualTo(row.TypeByCommand), $"value {row.K}: the stored type");
                Assert.That(row.BytesByStatement, Is.EqualTo(row.BytesByCommand), $"value {row.K}: the stored bytes");
            }
        });
        Assert.That(rows.Select(r => r.TypeByStatement), Is.SupersetOf(new[] { "text", "blob", "integer", "null" }), "every kind was stored");
    }

    [Test]
    public async Task Run_ConstraintViolated_ThrowsSqliteExceptionWithTheCode_AndTheStatementRunsAgain()
    {
        await using var database = Open();
        var (error, count) = await database.WriteAsync(context =>
        {
            context.Command("CREATE TABLE probe (k INTEGER PRIMARY KEY, v TEXT NOT NULL);").ExecuteNonQuery();
            var statement = context.Prepared("INSERT INTO probe (k, v) VALUES ($k, $v);", "$k", "$v");
            statement.Set(0, 1);
            statement.Set(1, (string?)null);
            var error = Assert.Throws<SqliteException>(statement.Run);
            statement.Set(0, 1);
            statement.Set(1, "after the failure");
            statement.Run();
            return (error!, Convert.ToInt64(context.Command("SELECT count(*) FROM probe WHERE v = 'after the failure';").ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        });

        Assert.That(error.SqliteErrorCode, Is.EqualTo(19), "SQLITE_CONSTRAINT");
        Assert.That(error.Message, Does.Contain("NOT NULL"));
        Assert.That(count, Is.EqualTo(1), "the statement was reset and ran again");
    }

    [Test]
    public async Task Prepared_NamesThatAreNotTheStatementsParameters_Refused()
    {
        await using var database = Open();
        var refused = await database.WriteAsync(context =>
        {
            context.Command("CREATE TABLE probe (k INTEGER PRIMARY KEY, v TEXT);").ExecuteNonQuery();
            return (
                Assert.Throws<ArgumentException>(() => context.Prepared("INSERT INTO probe (k, v) VALUES ($k, $v);", "$k", "$value"))!.Message,
                Assert.Throws<ArgumentException>(() => context.Prepared("INSERT INTO probe (k) VALUES ($k);", "$k", "$v"))!.Message);
        });

        Assert.That(refused.Item1, Does.Contain("no parameter $value"));
        Assert.That(refused.Item2, Does.Contain("1 parameters, 2 were named"));
    }

    private SqliteDatabase Open() =>
        new(new SqliteDatabaseSettings(Path.Combine(_directory, "statement.db"), TimeSpan.FromSeconds(5), true, 16), NullLogger.Instance);
}
