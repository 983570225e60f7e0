namespace CloudGov.Cli.Output;

/// <summary>How a command prints its answer.</summary>
internal enum OutputFormat
{
    /// <summary>Tables and trees for people (the default).</summary>
    Table,

    /// <summary>The API's response message as protobuf JSON (proto field names, every field), for scripts.</summary>
    Json,

    /// <summary>The same document as YAML.</summary>
    Yaml,
}
