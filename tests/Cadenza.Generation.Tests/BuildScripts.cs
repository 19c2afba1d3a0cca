using Cadenza.Tests.Shared;

namespace Cadenza.Generation.Tests;

/// <summary>
/// A scratch copy of the repository's build/ folder (scripts, import rules, templates, MSBuild targets) and openapi/
/// folder (the spec, the upstream document, the acknowledgements), using the repository's installed npm tools
/// (build/node_modules, linked), so a script can write openapi/ without touching the real one.
/// <see cref="AddClientProject"/> adds what `dotnet build` of Cadenza.Client needs.
/// </summary>
internal sealed class BuildScripts : IDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(10);  // a limit for a hung tool, not a performance check

    private BuildScripts(string root) => Root = root;

    public string Root { get; }

    /// <summary>openapi/cadenza.yaml of the copy.</summary>
    public string Spec => Path.Combine(Root, "openapi", "cadenza.yaml");

    /// <summary>openapi/upstream/cadenza-v3.yaml of the copy.</summary>
    public string Upstream => Path.Combine(Root, "openapi", "upstream", "cadenza-v3.yaml");

    /// <summary>A copy, or the test is skipped (failed with CI=true) when bash or the npm tools are missing.</summary>
    public static BuildScripts Create()
    {
        NpmTools.Require(Path.Combine("@redocly", "cli", "bin", "cli.js"));
        NpmTools.Require(Path.Combine("@useoptic", "optic", "build", "index.js"));
        if (ChildProcess.FindOnPath("bash") is null)
        {
            NpmTools.Unavailable("The build/ scripts need bash.");
        }

        var scripts = new BuildScripts(Directory.CreateTempSubdirectory("cadenza-scripts-").FullName);
        CopyFolder(Repository.Combine("build"), Path.Combine(scripts.Root, "build"), "node_modules");
        CopyFolder(Repository.Combine("openapi"), Path.Combine(scripts.Root, "openapi"));
        Directory.CreateSymbolicLink(Path.Combine(scripts.Root, "build", "node_modules"), NpmTools.NodeModules);
        return scripts;
    }

    /// <summary>Adds the C# generation setup: the root MSBuild/NSwag files and src/Cadenza.Client without bin/ and obj/.</summary>
    public void AddClientProject()
    {
        foreach (var file in new[] { "nswag.json", "global.json", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.Copy(Repository.Combine(file), Path.Combine(Root, file));
        }

        // The client, and the source generator it runs at build time (retry classification, page walkers).
        foreach (var project in new[] { "Cadenza.Client", "Cadenza.Client.Generators" })
        {
            CopyFolder(Repository.Combine("src", project), Path.Combine(Root, "src", project), "bin", "obj");
        }
    }

    /// <summary>
    /// Replaces the link to build/node_modules by a folder whose .bin has the real Redocly, and, for Optic,
    /// <paramref name="optic"/>: a script's text, or null for no Optic at all.
    /// </summary>
    public void ReplaceOptic(string? optic)
    {
        var bin = Path.Combine(Root, "build", "node_modules", ".bin");
        Directory.Delete(Path.Combine(Root, "build", "node_modules"));
        Directory.CreateDirectory(bin);
        File.CreateSymbolicLink(Path.Combine(bin, "redocly"), NpmTools.Require(Path.Combine("@redocly", "cli", "bin", "cli.js")));
        if (optic != null)
        {
            var path = Path.Combine(bin, "optic");
            File.WriteAllText(path, optic);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    public string Write(string name, string content)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Runs build/<paramref name="script"/> from the copy's root.</summary>
    public Task<ChildProcess.Result> RunAsync(string script, params string[] arguments) =>
        RunAsync(script, arguments, new Dictionary<string, string?>());

    /// <summary>
    /// Runs build/<paramref name="script"/> from the copy's root, with <paramref name="environment"/> added. Its stderr
    /// goes into the same pipe as its stdout, so the output is in the order the script wrote it (the verdict last).
    /// </summary>
    public Task<ChildProcess.Result> RunAsync(string script, string[] arguments, IDictionary<string, string?> environment)
    {
        environment["NO_COLOR"] = "1";
        return ChildProcess.RunAsync("bash", ["-c", "exec bash \"$@\" 2>&1", "build-script", Path.Combine(Root, "build", script), .. arguments], Root, ScriptTimeout, environment);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>The last line of a script's output: the verdict, by the scripts' convention.</summary>
    public static string LastLine(ChildProcess.Result result) => result.Output.TrimEnd().Split('\n')[^1];

    private static void CopyFolder(string from, string to, params string[] skip)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(from).Where(f => !skip.Contains(Path.GetFileName(f))))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
