using Cadenza.Tests.Shared;

namespace Cadenza.Generation.Tests;

/// <summary>
/// The upstream Cadenza documents as published (../shared/upstream next to the repository: not part of it). Searched
/// from the repository's parent upwards, so a git worktree nested one level deeper finds them too.
/// </summary>
internal static class UpstreamDocuments
{
    /// <summary>The path of <paramref name="name"/>; the test is skipped (failed with CI=true) when it is not there.</summary>
    public static string Path(string name)
    {
        for (var folder = Directory.GetParent(Repository.Root); folder != null; folder = folder.Parent)
        {
            var path = System.IO.Path.Combine(folder.FullName, "shared", "upstream", name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        NpmTools.Unavailable($"The upstream document {name} is not in ../shared/upstream (next to the repository, {Repository.Root}), nor above.");
        return null!;
    }
}
