namespace Cadenza.Tests.Shared;

/// <summary>Where the repository (and its build/ tools) is, found from the test assembly's folder.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string Spec => Path.Combine(Root, "openapi", "cadenza.yaml");

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string ReadSpec() => File.ReadAllText(Spec);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "openapi", "cadenza.yaml")) && File.Exists(Path.Combine(folder.FullName, "nswag.json")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (openapi/cadenza.yaml + nswag.json) above {AppContext.BaseDirectory}.");
    }
}
