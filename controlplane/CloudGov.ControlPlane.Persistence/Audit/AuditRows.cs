using System.Data.Common;
using CloudGov.ControlPlane.Abstractions.Audit;

namespace CloudGov.ControlPlane.Persistence.Audit;

/// <summary>The column list both stores select, and reading one row of it back into an entry.</summary>
internal static class AuditRows
{
    public const string Columns = "chain, seq, at_us, actor_subject, actor_role, actor_tenant, action, targets, detail, reason, prev_hash, hash";

    public static AuditEntry Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt64(1),
        AuditCanonical.FromMicroseconds(reader.GetInt64(2)),
        new AuditActor(reader.GetString(3), reader.GetString(4), reader.GetString(5)),
        reader.GetString(6),
        AuditJson.ReadTargets(reader.GetString(7)),
        AuditJson.ReadDetail(reader.GetString(8)),
        reader.GetString(9),
        reader.GetString(10),
        reader.GetString(11));
}
