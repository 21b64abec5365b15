using Connect.Sdk.Config;

namespace Connect.Sdk.Samples.Datagen;

/// <summary>The configuration of a <see cref="DatagenSourceTask"/>: the connector's keys plus the task's place among
/// its siblings, which <see cref="DatagenSourceConnector.TaskConfigs"/> adds.</summary>
public sealed class DatagenTaskConfig : DatagenConfig
{
    /// <summary>The task's number, from 0 to <see cref="TaskCountConfig"/> - 1.</summary>
    public const string TaskIdConfig = "task.id";

    /// <summary>How many tasks the connector runs.</summary>
    public const string TaskCountConfig = "task.count";

    /// <summary>Initializes a new instance of the <see cref="DatagenTaskConfig"/> class.</summary>
    /// <param name="props">The task configuration.</param>
    /// <exception cref="ConfigException">A key is missing or invalid, or the task id is not below the task count.</exception>
    public DatagenTaskConfig(IReadOnlyDictionary<string, string> props)
        : base(ConfigDef, props)
    {
        if (TaskId >= TaskCount)
        {
            throw new ConfigException(TaskIdConfig, TaskId, $"Value must be less than {TaskCountConfig} ({TaskCount})");
        }
    }

    /// <summary>Gets the definition of the task's keys.</summary>
    public static new ConfigDef ConfigDef { get; } = new ConfigDef(DatagenConfig.ConfigDef)
        .Define(TaskIdConfig, ConfigType.Int, 0, RangeValidator.AtLeast(0), Importance.Low, "The task's number; set by the connector.")
        .Define(TaskCountConfig, ConfigType.Int, 1, RangeValidator.AtLeast(1), Importance.Low, "How many tasks the connector runs; set by the connector.");

    /// <summary>Gets the task's number.</summary>
    /// <value>The default is 0.</value>
    public int TaskId => GetInt(TaskIdConfig);

    /// <summary>Gets how many tasks the connector runs.</summary>
    /// <value>The default is 1.</value>
    public int TaskCount => GetInt(TaskCountConfig);
}
