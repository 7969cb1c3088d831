namespace Pitstop.Testing;

/// <summary>Paths in the checkout the tests run from, and the build configuration they were built with.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    // tests/<Project>/bin/<Configuration>/net10.0/ — the engine was built the same way.
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string Assembly(string project) =>
        Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", $"Pitstop.{project}.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Orleans.sln not found above " + AppContext.BaseDirectory);
    }
}
