using System.Collections.Frozen;

namespace CloudGov.ControlPlane.AgentIdentity;

/// <summary>
/// The host's view of <c>revoked.txt</c>: read at start, re-read when the file changes (a file-system watcher pushes the
/// change; every handshake also compares the file's write time, so a missed event costs nothing), and
/// <see cref="Changed"/> raised with the new set so open streams of newly revoked certificates are ended.
/// A missing file means nothing is revoked; an unreadable one keeps the previous list.
/// </summary>
internal sealed class RevocationList : IDisposable
{
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly FileSystemWatcher? _watcher;
    private readonly Lock _gate = new();
    private FrozenSet<string> _serials = FrozenSet<string>.Empty;
    private DateTime _stamp = DateTime.MinValue;

    public RevocationList(string path, ILogger logger)
    {
        _path = Path.GetFullPath(path);
        _logger = logger;
        Refresh();
        string directory = Path.GetDirectoryName(_path)!;
        if (Directory.Exists(directory))
        {
            _watcher = new FileSystemWatcher(directory, Path.GetFileName(_path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += (_, _) => Refresh();
            _watcher.Created += (_, _) => Refresh();
            _watcher.Renamed += (_, _) => Refresh();
            _watcher.Deleted += (_, _) => Refresh();
            _watcher.EnableRaisingEvents = true;
        }
    }

    /// <summary>Raised (on a thread-pool thread) after the list changed, with the new set.</summary>
    public event Action<FrozenSet<string>>? Changed;

    /// <summary>True when <paramref name="serial"/> (hex) is revoked.</summary>
    public bool IsRevoked(string serial)
    {
        Refresh();
        return RevokedSerials.Normalize(serial) is { } normalized && Volatile.Read(ref _serials).Contains(normalized);
    }

    public void Dispose() => _watcher?.Dispose();

    private void Refresh()
    {
        FrozenSet<string> updated;
        lock (_gate)
        {
            var stamp = File.Exists(_path) ? File.GetLastWriteTimeUtc(_path) : DateTime.MinValue;
            if (stamp == _stamp)
            {
                return;
            }

            try
            {
                var text = File.Exists(_path) ? File.ReadAllText(_path) : string.Empty;
                updated = RevokedSerials.Parse(text, out int skipped);
                if (skipped > 0)
                {
                    AgentIdentityLog.RevocationLinesSkipped(_logger, _path, skipped);
                }
            }
            catch (IOException ex)
            {
                AgentIdentityLog.RevocationListUnreadable(_logger, _path, ex.Message);
                return;
            }

            _stamp = stamp;
            if (updated.SetEquals(_serials))
            {
                return;
            }

            Volatile.Write(ref _serials, updated);
        }

        AgentIdentityLog.RevocationListLoaded(_logger, _path, updated.Count);
        Changed?.Invoke(updated);
    }
}
