using CloudGov.Dashboard.Backend;
using CloudGov.ControlPlane.Abstractions.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace CloudGov.Dashboard.Live;

/// <summary>
/// A page that reloads its data when one of <see cref="Topics"/> changes: pushes from <see cref="DashboardLive"/> are
/// coalesced (one reload in flight, at most one per <see cref="DashboardOptions.MinRefreshInterval"/>), and the page
/// re-renders over its circuit. No timer of its own and nothing in the browser polls.
/// </summary>
public abstract class LiveView : ComponentBase, IDisposable
{
    private int _pending;
    private bool _disposed;

    /// <summary>This host's live feed.</summary>
    [Inject] protected DashboardLive Live { get; set; } = default!;

    /// <summary>The circuit's user and language.</summary>
    [Inject] protected DashboardSession Session { get; set; } = default!;

    [Inject] private IOptions<DashboardOptions> Options { get; set; } = default!;

    /// <summary>The current language's strings.</summary>
    protected Text.DashboardStrings T => Session.T;

    /// <summary>The last load's failure, shown on the page; null when it succeeded.</summary>
    protected string? LoadError { get; private set; }

    /// <summary>The topics this page shows.</summary>
    protected abstract IReadOnlyList<LiveTopic> Topics { get; }

    /// <summary>Loads the page's data (through <see cref="DashboardSession.CallAsync{TRequest, TResponse}"/>).</summary>
    protected abstract Task LoadAsync();

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        Live.Changed += OnChanged;
        Session.LanguageChanged += OnLanguageChanged;
        await SafeLoadAsync();
    }

    /// <summary>Reloads now (after this page's own action).</summary>
    protected Task ReloadAsync() => SafeLoadAsync();

    private async Task SafeLoadAsync()
    {
        try
        {
            await LoadAsync();
            LoadError = null;
        }
        catch (Grpc.Core.RpcException ex)
        {
            LoadError = $"{ex.StatusCode}: {ex.Status.Detail}";
        }
    }

    private void OnChanged(LiveTopic topic, string key)
    {
        if (_disposed || !Topics.Contains(topic) || Interlocked.Exchange(ref _pending, 1) == 1)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            try
            {
                await Task.Delay(Options.Value.MinRefreshInterval);
                Interlocked.Exchange(ref _pending, 0);
                if (_disposed)
                {
                    return;
                }

                await SafeLoadAsync();
                StateHasChanged();
            }
            catch (ObjectDisposedException)
            {
                // The circuit ended meanwhile.
            }
        });
    }

    private void OnLanguageChanged() => _ = InvokeAsync(StateHasChanged);

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        Live.Changed -= OnChanged;
        Session.LanguageChanged -= OnLanguageChanged;
        GC.SuppressFinalize(this);
    }
}
