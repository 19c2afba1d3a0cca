using Cadenza.Tests.Shared;

namespace Cadenza.Generation.Tests;

/// <summary>
/// A scratch copy of the repository's build/ scripts and openapi/ folder, using the repository's installed
/// npm tools (build/node_modules, linked), so a script can write openapi/cadenza.yaml without touching the real one.
/// </summary>
internal sealed class BuildScripts : IDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    private BuildScripts(string root) => Root = root;

    public string Root { get; }

    public string Spec => Path.Combine(Root, "openapi", "cadenza.yaml");

    /// <summary>A copy, or the test is skipped (failed with CI=true) when bash or the npm tools are missing.</summary>
    public static BuildScripts Create()
    {
        NpmTools.Require(Path.Combine("@redocly", "cli", "bin", "cli.js"));
        NpmTools.Require(Path.Combine("@useoptic", "optic", "build", "index.js"));
        if (ChildProcess.FindOnPath("bash") is null)
        {
            NpmTools.Unavailable("The build/ scripts need bash.");
        }

        var root = Directory.CreateTempSubdirectory("cadenza-scripts-").FullName;
        var build = Directory.CreateDirectory(Path.Combine(root, "build")).FullName;
        foreach (var file in Directory.EnumerateFiles(Repository.Combine("build")).Where(f => f.EndsWith(".sh", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(build, Path.GetFileName(file)));
        }

        Directory.CreateSymbolicLink(Path.Combine(build, "node_modules"), NpmTools.NodeModules);
        var openapi = Directory.CreateDirectory(Path.Combine(root, "openapi")).FullName;
        foreach (var file in Directory.EnumerateFiles(Repository.Combine("openapi")))
        {
            File.Copy(file, Path.Combine(openapi, Path.GetFileName(file)));
        }

        return new BuildScripts(root);
    }

    public string Write(string name, string content)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Runs build/<paramref name="script"/> from the copy's root.</summary>
    public Task<ChildProcess.Result> RunAsync(string script, params string[] arguments) =>
        ChildProcess.RunAsync("bash", [Path.Combine(Root, "build", script), .. arguments], Root, ScriptTimeout, new Dictionary<string, string?> { ["NO_COLOR"] = "1" });

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
