using Connect.Sdk.Runtime.Errors;

namespace Connect.Sdk.Runtime.Embedded;

/// <summary>Keeps every tolerated error, so the embedded engine and sink pipeline can show what they skipped.</summary>
internal sealed class CapturingErrorReporter : IErrorReporter
{
    private readonly object _gate = new();
    private readonly List<ErrorContext> _errors = [];

    public IReadOnlyList<ErrorContext> Errors
    {
        get
        {
            lock (_gate)
            {
                return [.. _errors];
            }
        }
    }

    public Task ReportAsync(ErrorContext context)
    {
        lock (_gate)
        {
            _errors.Add(context);
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // Shared by every task of the engine; nothing to release.
    }
}
