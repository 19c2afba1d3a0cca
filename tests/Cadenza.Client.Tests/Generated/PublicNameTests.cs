using System.Reflection;
using System.Text.RegularExpressions;
using Cadenza.Tests.Shared;

namespace Cadenza.Client.Tests.Generated;

/// <summary>
/// Names a C# user expects, by one rule (issue 8): no public type or member of the package, generated or hand-written,
/// has a `_` in its name, whatever the upstream document calls it (`authLogin_200_response`, `request_id`, tag
/// `Trading Account Portfolio`). Checked on the compiled assembly, and on the API listing the build gates on.
/// </summary>
public class PublicNameTests
{
    private static readonly Assembly Package = typeof(CadenzaSession).Assembly;

    [Test]
    public void No_public_type_or_member_of_the_compiled_package_has_an_underscore()
    {
        var names = new List<string>();
        foreach (var type in Package.GetExportedTypes())
        {
            names.Add(type.FullName!);
            const BindingFlags Public = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            names.AddRange(type.GetMembers(Public)
                .Where(m => m is not (MethodBase { IsSpecialName: true } or FieldInfo { IsSpecialName: true }))  // get_X, op_X, an enum's value__: the compiler's
                .Select(m => type.FullName + "." + m.Name));
            names.AddRange(type.GetMethods(Public).Where(m => !m.IsSpecialName)
                .SelectMany(m => m.GetParameters().Select(p => $"{type.FullName}.{m.Name}({p.Name})")));
        }

        Assert.That(names, Has.Count.GreaterThan(2000), "the whole API is generated (61 operations, 345 schemas)");
        Assert.That(names.Where(n => n.Contains('_', StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void No_name_in_the_API_listing_has_an_underscore()
    {
        var listing = Path.Combine(Repository.Combine("src", "Cadenza.Client"), "PublicAPI.Unshipped.txt");
        // A listing line is a symbol, then for members " -> type"; default values (`= default(...)`) are not names.
        var symbols = File.ReadAllLines(listing).Skip(1)
            .Select(line => Regex.Replace(line.Split(" -> ")[0], @" = [^,)]*", string.Empty))
            .ToList();

        Assert.That(symbols, Has.Count.GreaterThan(3000));
        Assert.That(symbols.Where(s => s.Contains('_', StringComparison.Ordinal)), Is.Empty);
    }
}
