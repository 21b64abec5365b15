using Microsoft.Extensions.Logging;

namespace Connect.Sdk.Runtime.Errors;

/// <summary>Writes tolerated errors to the log (<c>errors.log.enable</c>), with the record when
/// <c>errors.log.include.messages</c> is set.</summary>
internal sealed class LogErrorReporter(ILogger logger, string taskName, bool includeMessages) : IErrorReporter
{
    public Task ReportAsync(ErrorContext context)
    {
        var where = context.Consumed is { } consumed
            ? includeMessages
                ? $", where consumed record is {{topic='{consumed.Topic}', partition={consumed.Partition.Value}, offset={consumed.Offset.Value}, timestamp={consumed.Message.Timestamp.UnixTimestampMs}}}"
                : $", where consumed record is {{topic='{consumed.Topic}', partition={consumed.Partition.Value}, offset={consumed.Offset.Value}}}"
            : context.Record is { } record && includeMessages
                ? $", where source record is = {record}"
                : string.Empty;
        logger.LogError(
            context.Error,
            "Error encountered in task {Task}. Executing stage '{Stage}' with class '{Class}'{Where}.",
            taskName,
            context.Stage.ToWireName(),
            context.ExecutingClass.FullName,
            where);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
    }
}
