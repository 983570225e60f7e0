namespace CloudGov.ControlPlane.Abstractions.Audit;

/// <summary>An audit entry could not be stored; the decision it records must not be made.</summary>
[GenerateSerializer, Alias("cloudgov.AuditUnavailableException")]
public sealed class AuditUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AuditUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AuditUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the storage failure.</summary>
    public AuditUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
