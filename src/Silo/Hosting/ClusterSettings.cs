using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Pitstop.Silo.Hosting;

/// <summary>
/// Where the cluster lives, read from configuration (section <c>Orleans</c>, connection string
/// <c>Orleans</c>). No connection string means the embedded mode: one process, in-memory providers.
/// </summary>
public sealed class ClusterSettings
{
    public const string Section = "Orleans";

    [Required]
    public string ClusterId { get; set; } = "pitstop";

    [Required]
    public string ServiceId { get; set; } = "pitstop";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The PostgreSQL connection string, or null in the embedded mode.</summary>
    public string? ConnectionString { get; set; }

    public bool IsEmbedded => string.IsNullOrWhiteSpace(ConnectionString);

    public static ClusterSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<ClusterSettings>() ?? new ClusterSettings();
        settings.ConnectionString = configuration.GetConnectionString("Orleans");
        Validator.ValidateObject(settings, new ValidationContext(settings), validateAllProperties: true);
        return settings;
    }

    /// <summary>The PostgreSQL connection string; only valid outside the embedded mode.</summary>
    public string Postgres => ConnectionString ?? throw new InvalidOperationException("The embedded mode has no PostgreSQL connection string.");
}
