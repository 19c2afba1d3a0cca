using System.Reflection;
using System.Runtime.Loader;

namespace Cadenza.Generation.Tests;

/// <summary>
/// A Cadenza.Client.dll built from a scratch copy, loaded in a collectible AssemblyLoadContext with the dependencies
/// next to it (built with CopyLocalLockFileAssemblies=true), and used through reflection only: the context
/// resolves every assembly from the copy's folder first, so nothing here binds to the repository's own build by mistake.
/// </summary>
internal sealed class RegeneratedAssembly : AssemblyLoadContext, IDisposable
{
    private readonly string _folder;

    public RegeneratedAssembly(string folder)
        : base("regenerated Cadenza.Client", isCollectible: true)
    {
        _folder = folder;
        Client = LoadFromAssemblyPath(Path.Combine(folder, "Cadenza.Client.dll"));
    }

    public Assembly Client { get; }

    /// <summary>Cadenza.Client.<paramref name="name"/>.</summary>
    public Type Type(string name) => Client.GetType("Cadenza.Client." + name, throwOnError: true)!;

    /// <summary>A new Cadenza.Client.<paramref name="name"/>, by its public constructor that takes <paramref name="arguments"/>.</summary>
    public object Create(string name, params object[] arguments) => Activator.CreateInstance(Type(name), arguments)!;

    /// <summary>Awaits <c>target.method(arguments)</c> (a Task or Task&lt;T&gt;) and returns its result (null for a plain Task).</summary>
    public static async Task<object?> CallAsync(object target, string method, params object?[] arguments)
    {
        var info = target.GetType().GetMethod(method, arguments.Select(a => a!.GetType()).ToArray())
            ?? throw new MissingMethodException(target.GetType().FullName, method);
        var task = (Task)info.Invoke(target, arguments)!;
        await task;
        return task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
    }

    /// <summary>The value of the public property <paramref name="name"/> of <paramref name="target"/>.</summary>
    public static object? Get(object target, string name) =>
        (target.GetType().GetProperty(name) ?? throw new MissingMemberException(target.GetType().FullName, name)).GetValue(target);

    public void Dispose() => Unload();

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = Path.Combine(_folder, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
