using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Cadenza.Tests.Shared;

/// <summary>
/// The npm tools pinned in build/package.json and build/package-lock.json (Prism, Optic, Redocly). Where Node.js 20+
/// and npm are on PATH, the first test that needs them installs them (<c>npm ci</c> in build/, once, under a lock
/// shared by every test process of the run). Where they are not, the tests that need them are skipped, and the reason
/// is written once to the run's normal output (an Ignore reason alone shows only at detailed verbosity). On CI
/// (CI=true) a missing tool fails the test instead: a skipped contract check would pass unnoticed.
/// </summary>
internal static class NpmTools
{
    public const string InstallCommand = "(cd build && npm ci --loglevel=error)";

    private const int MinimumNodeMajor = 20;
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly Lazy<string?> Problem = new(Install);
    private static readonly HashSet<string> Announced = [];

    public static string NodeModules => Repository.Combine("build", "node_modules");

    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The path of <paramref name="relativePath"/> under build/node_modules, installing the tools first when needed.</summary>
    public static string Require(string relativePath)
    {
        if (Problem.Value is { } problem)
        {
            Unavailable(problem);
        }

        var path = Path.Combine(NodeModules, relativePath);
        if (!File.Exists(path))
        {
            Unavailable($"{relativePath} is not under build/node_modules after 'npm ci': is it still in build/package-lock.json?");
        }

        return path;
    }

    /// <summary>Skips the test with <paramref name="message"/> (printed once per test process); fails it on CI.</summary>
    public static void Unavailable(string message)
    {
        if (OnCi)
        {
            Assert.Fail(message + " (CI=true: this check may not be skipped.)");
        }

        bool first;
        lock (Announced)
        {
            first = Announced.Add(message);
        }

        if (first)
        {
            // TestContext.Error reaches `dotnet test`'s console at its default verbosity; Ignore reasons do not.
            TestContext.Error.WriteLine($"{typeof(NpmTools).Assembly.GetName().Name}: tests skipped: {message}");
        }

        Assert.Ignore(message);
    }

    /// <summary>Null when the tools are ready to use, else why they cannot be.</summary>
    private static string? Install()
    {
        if (ChildProcess.FindOnPath("node") is null || ChildProcess.FindOnPath("npm") is null)
        {
            return $"Node.js {MinimumNodeMajor}+ and npm are not on PATH; they run the pinned npm tools (Prism, Optic, Redocly). Install them, and the tests install the tools themselves.";
        }

        if (NodeMajorVersion() is int major && major < MinimumNodeMajor)
        {
            return $"Node.js {major} is on PATH; the pinned npm tools need Node.js {MinimumNodeMajor} or later.";
        }

        if (IsInstalled(Repository.Combine("build")))
        {
            return null;
        }

        // Several test projects run at once: one runs npm ci, the others wait for it and then find the tools installed.
        using var installLock = AcquireLock();
        if (IsInstalled(Repository.Combine("build")))
        {
            return null;
        }

        // Shown at the default verbosity, so that a first run's minute of npm ci is not a mystery.
        TestContext.Error.WriteLine($"{typeof(NpmTools).Assembly.GetName().Name}: installing the pinned npm tools, once: {InstallCommand}");
        var result = ChildProcess.RunAsync(
            ChildProcess.FindOnPath("npm")!, ["ci", "--loglevel=error", "--no-audit", "--no-fund"], Repository.Combine("build"), InstallTimeout)
            .GetAwaiter().GetResult();
        if (result.ExitCode != 0 || !IsInstalled(Repository.Combine("build")))
        {
            var lastLines = string.Join(" | ", result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
            return $"'npm ci' in build/ failed (exit {result.ExitCode}): {lastLines}";
        }

        return null;
    }

    /// <summary>
    /// Installed and current: npm's own record of the install (node_modules/.package-lock.json) is not older than the
    /// lock file, and each tool named in build/package.json is installed at the version the lock file pins.
    /// </summary>
    internal static bool IsInstalled(string buildFolder)
    {
        var nodeModules = Path.Combine(buildFolder, "node_modules");
        var lockFile = new FileInfo(Path.Combine(buildFolder, "package-lock.json"));
        var installed = new FileInfo(Path.Combine(nodeModules, ".package-lock.json"));
        if (!installed.Exists || installed.LastWriteTimeUtc < lockFile.LastWriteTimeUtc)
        {
            return false;
        }

        using var pinned = JsonDocument.Parse(File.ReadAllText(lockFile.FullName));
        var packages = pinned.RootElement.GetProperty("packages");
        foreach (var tool in packages.GetProperty("").GetProperty("devDependencies").EnumerateObject())
        {
            var version = packages.GetProperty("node_modules/" + tool.Name).GetProperty("version").GetString();
            var manifest = Path.Combine(nodeModules, tool.Name, "package.json");
            if (!File.Exists(manifest))
            {
                return false;
            }

            using var package = JsonDocument.Parse(File.ReadAllText(manifest));
            if (package.RootElement.GetProperty("version").GetString() != version)
            {
                return false;
            }
        }

        return true;
    }

    private static int? NodeMajorVersion()
    {
        var result = ChildProcess.RunAsync(ChildProcess.FindOnPath("node")!, ["--version"], Repository.Root, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        var text = result.Output.Trim().TrimStart('v');
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && int.TryParse(text[..dot], out var major) ? major : null;
    }

    /// <summary>An exclusive lock on a file named after this clone (in the temp folder, so the work tree stays clean).</summary>
    private static FileStream AcquireLock()
    {
        var clone = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Repository.Root)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"cadenza-npm-ci-{clone}.lock");
        var deadline = DateTime.UtcNow + InstallTimeout;
        while (true)
        {
            try
            {
                // FileShare.None is an OS-level exclusive lock (flock on Unix): another process's attempt throws.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(250);
            }
        }
    }
}
