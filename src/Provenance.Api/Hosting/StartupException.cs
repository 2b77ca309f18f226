namespace Provenance.Api.Hosting;

/// <summary>
/// Start-up cannot go on for a reason the operator can fix (a missing database, a short bootstrap key, a role
/// that cannot log in). Program prints <see cref="Exception.Message"/> alone and exits 1: no stack trace.
/// </summary>
public sealed class StartupException(string message) : Exception(message);
