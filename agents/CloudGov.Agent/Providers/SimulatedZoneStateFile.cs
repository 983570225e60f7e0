using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace CloudGov.Agent.Providers;

/// <summary>
/// The simulated zone's state file (<c>Agent:Simulation:StatePath</c>): every workload the zone holds, with what the
/// usage model needs to carry on where it stopped. Written atomically (a temporary file beside it, flushed to disk,
/// then moved over it), so a crash leaves either the old state or the new one. A file that cannot be read is never
/// replaced by a fresh seed: the agent refuses to start and names the file.
/// </summary>
internal static class SimulatedZoneStateFile
{
    /// <summary>The format this agent writes; it reads this one and older ones.</summary>
    public const int FormatVersion = 1;

    private static readonly SimulatedZoneStateJson Json = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        RespectNullableAnnotations = true,
    });

    /// <summary>The temporary file a save writes before moving it over <paramref name="fullPath"/>.</summary>
    public static string TempPath(string fullPath) => fullPath + ".tmp";

    /// <summary>A stored access policy as the wire's; null for none.</summary>
    public static AccessPolicy? ToPolicy(List<SimulatedAccessRule>? rules)
    {
        if (rules is null)
        {
            return null;
        }

        var policy = new AccessPolicy();
        policy.Ingress.AddRange(rules.Select(r => new AccessRule { Protocol = (AccessProtocol)r.Protocol, PortFrom = r.PortFrom, PortTo = r.PortTo, SourceCidr = r.SourceCidr }));
        return policy;
    }

    /// <summary>An access policy as stored; null for none.</summary>
    public static List<SimulatedAccessRule>? FromPolicy(AccessPolicy? policy) =>
        policy is null ? null : [.. policy.Ingress.Select(r => new SimulatedAccessRule((int)r.Protocol, r.PortFrom, r.PortTo, r.SourceCidr))];

    /// <summary>
    /// Reads the state of zone <paramref name="zoneId"/>, or null when the file does not exist yet. A temporary file
    /// left by a save that crashed before its move is deleted (the state file itself is the last complete save).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is unreadable, corrupt, of a newer format or another zone's.</exception>
    public static SimulatedZoneState? Load(string fullPath, string zoneId)
    {
        if (File.Exists(TempPath(fullPath)))
        {
            File.Delete(TempPath(fullPath));
        }

        if (!File.Exists(fullPath))
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Corrupt(fullPath, $"it cannot be read: {ex.Message}", ex);
        }

        SimulatedZoneState? state;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("formatVersion", out var version)
                || !version.TryGetInt32(out int formatVersion))
            {
                throw Corrupt(fullPath, "it has no integer formatVersion", null);
            }

            if (formatVersion > FormatVersion)
            {
                throw new InvalidDataException(
                    $"Simulated zone state file '{fullPath}' has format version {formatVersion}, written by a newer agent; this agent reads version {FormatVersion} or older. Run the newer agent, or move the file away to seed the zone afresh.");
            }

            if (formatVersion < 1)
            {
                throw Corrupt(fullPath, $"its formatVersion {formatVersion} is not a version (1 or more)", null);
            }

            state = document.Deserialize(Json.SimulatedZoneState);
        }
        catch (JsonException ex)
        {
            throw Corrupt(fullPath, $"it is not valid JSON of this format: {ex.Message}", ex);
        }

        if (state is null)
        {
            throw Corrupt(fullPath, "it holds null", null);
        }

        if (!string.Equals(state.ZoneId, zoneId, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Simulated zone state file '{fullPath}' holds zone '{state.ZoneId}', not '{zoneId}'; give every zone its own file.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < state.Workloads.Count; i++)
        {
            var w = state.Workloads[i];
            if (Problem(w, seen) is { } problem)
            {
                throw Corrupt(fullPath, $"workload {i} ('{w.Id}') {problem}", null);
            }
        }

        return state;
    }

    /// <summary>
    /// Writes <paramref name="state"/> to <paramref name="fullPath"/> atomically: serialized to a temporary file
    /// beside it, flushed to disk, then moved over the old file. Creates the directory if needed.
    /// </summary>
    public static void Save(string fullPath, SimulatedZoneState state)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        string temp = TempPath(fullPath);
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, state, Json.SimulatedZoneState);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static string? Problem(SimulatedWorkloadState w, HashSet<string> seen)
    {
        if (w.Id.Length == 0 || w.Tenant.Length == 0)
        {
            return "has an empty id or tenant";
        }

        if (!seen.Add(w.Id))
        {
            return "repeats an earlier workload's id";
        }

        if (w.Requests.CpuMillicores < 0 || w.Requests.MemoryMib < 0 || w.Requests.StorageGib < 0 || w.Requests.Gpu < 0)
        {
            return "has negative requests";
        }

        if (w.MlpsLevel is < 0 or > 4)
        {
            return $"has MLPS level {w.MlpsLevel}; levels are 1-4 (0 when unspecified)";
        }

        if (!(w.BaseLoad is >= 0 and <= 1) || !double.IsFinite(w.Phase))
        {
            return "has a base load outside 0-1 or a phase that is not a number";
        }

        return WorkloadLabels.Problem(w.Labels);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The next save overwrites it and the next start deletes it.
        }
    }

    private static InvalidDataException Corrupt(string fullPath, string reason, Exception? inner) =>
        new($"Simulated zone state file '{fullPath}' is corrupt: {reason}. Fix it, or move it away to seed the zone afresh; the agent does not re-seed over an existing file.", inner);
}

/// <summary>The state file's content.</summary>
internal sealed record SimulatedZoneState
{
    /// <summary>The file format (see <see cref="SimulatedZoneStateFile.FormatVersion"/>).</summary>
    public required int FormatVersion { get; init; }

    /// <summary>The zone the file belongs to.</summary>
    public required string ZoneId { get; init; }

    /// <summary>When it was written.</summary>
    public DateTimeOffset SavedAt { get; init; }

    /// <summary>Every workload the zone holds, ordered by id.</summary>
    public required List<SimulatedWorkloadState> Workloads { get; init; }
}

/// <summary>One workload in the state file.</summary>
internal sealed record SimulatedWorkloadState
{
    /// <summary>The workload's id.</summary>
    public required string Id { get; init; }

    /// <summary>The owning tenant.</summary>
    public required string Tenant { get; init; }

    /// <summary>The business system.</summary>
    public required string System { get; init; }

    /// <summary>Requested resources.</summary>
    public required SimulatedRequests Requests { get; init; }

    /// <summary>The required MLPS level (1-4).</summary>
    public required int MlpsLevel { get; init; }

    /// <summary>The usage model's mean load at the daily peak (0-1).</summary>
    public required double BaseLoad { get; init; }

    /// <summary>The usage model's phase of the slow wave (radians).</summary>
    public required double Phase { get; init; }

    /// <summary>The workload's labels, by key.</summary>
    public required Dictionary<string, string> Labels { get; init; }

    /// <summary>The access policy's inbound rules the zone applies; null (absent in files of earlier releases) for none given.</summary>
    public List<SimulatedAccessRule>? AccessPolicy { get; init; }
}

/// <summary>One inbound access rule in the state file.</summary>
internal sealed record SimulatedAccessRule(int Protocol, uint PortFrom, uint PortTo, string SourceCidr);

/// <summary>Requested resources in the state file.</summary>
internal sealed record SimulatedRequests(long CpuMillicores, long MemoryMib, long StorageGib, long Gpu);

/// <summary>Source-generated JSON for the state file.</summary>
[JsonSerializable(typeof(SimulatedZoneState))]
internal sealed partial class SimulatedZoneStateJson : JsonSerializerContext;
