namespace Connect.Sdk.Avro;

/// <summary>
/// How the Avro converter names the Schema Registry subject a schema is registered under
/// (<c>key.subject.name.strategy</c> / <c>value.subject.name.strategy</c>).
/// </summary>
public enum SubjectNameStrategy
{
    /// <summary><c>&lt;topic&gt;-key</c> or <c>&lt;topic&gt;-value</c> (Confluent's <c>TopicNameStrategy</c>, the default).</summary>
    TopicName,

    /// <summary>The record's full name, e.g. <c>com.acme.Order</c>; the schema must be a record (Confluent's <c>RecordNameStrategy</c>).</summary>
    RecordName,

    /// <summary><c>&lt;topic&gt;-&lt;record full name&gt;</c>; the schema must be a record (Confluent's <c>TopicRecordNameStrategy</c>).</summary>
    TopicRecordName,
}
