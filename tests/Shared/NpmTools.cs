namespace Cadenza.Tests.Shared;

/// <summary>
/// The npm tools pinned in build/package.json (Prism, Optic, Redocly). When they are not installed, a test
/// is skipped with the command that installs them, except on CI (CI=true), where a skipped contract check
/// would pass unnoticed: there it fails.
/// </summary>
internal static class NpmTools
{
    public const string InstallCommand = "npm ci --prefix build --loglevel=error";

    public static string NodeModules => Repository.Combine("build", "node_modules");

    /// <summary>The path of <paramref name="relativePath"/> under build/node_modules, after checking Node.js and the file are there.</summary>
    public static string Require(string relativePath)
    {
        var path = Path.Combine(NodeModules, relativePath);
        if (!File.Exists(path))
        {
            Unavailable($"{relativePath} is not installed under build/node_modules: run '{InstallCommand}' in the repository root.");
        }

        if (ChildProcess.FindOnPath("node") is null)
        {
            Unavailable("Node.js (node) is not on PATH: install Node.js 20 or later, then run '" + InstallCommand + "'.");
        }

        return path;
    }

    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips the test with <paramref name="message"/>; fails it on CI.</summary>
    public static void Unavailable(string message)
    {
        if (OnCi)
        {
            Assert.Fail(message + " (CI=true: this check may not be skipped.)");
        }

        Assert.Ignore(message);
    }
}
