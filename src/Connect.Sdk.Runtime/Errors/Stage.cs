namespace Connect.Sdk.Runtime.Errors;

/// <summary>Where in a task's pipeline an operation failed; written as <c>__connect.errors.stage</c>.</summary>
public enum Stage
{
    /// <summary>A source task's poll.</summary>
    TaskPoll,

    /// <summary>A sink task's put.</summary>
    TaskPut,

    /// <summary>A transform or predicate.</summary>
    Transformation,

    /// <summary>The key converter.</summary>
    KeyConverter,

    /// <summary>The value converter.</summary>
    ValueConverter,

    /// <summary>The header converter.</summary>
    HeaderConverter,

    /// <summary>Producing to Kafka.</summary>
    KafkaProduce,

    /// <summary>Consuming from Kafka.</summary>
    KafkaConsume,
}

/// <summary>Kafka Connect's names of the stages.</summary>
public static class StageNames
{
    /// <summary>The name Kafka Connect writes for a stage, e.g. <c>VALUE_CONVERTER</c>.</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>The name.</returns>
    public static string ToWireName(this Stage stage) => stage switch
    {
        Stage.TaskPoll => "TASK_POLL",
        Stage.TaskPut => "TASK_PUT",
        Stage.Transformation => "TRANSFORMATION",
        Stage.KeyConverter => "KEY_CONVERTER",
        Stage.ValueConverter => "VALUE_CONVERTER",
        Stage.HeaderConverter => "HEADER_CONVERTER",
        Stage.KafkaProduce => "KAFKA_PRODUCE",
        _ => "KAFKA_CONSUME",
    };
}
