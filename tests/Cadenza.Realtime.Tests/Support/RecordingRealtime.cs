using System.Reflection;
using Cadenza.Client;

namespace Cadenza.Realtime.Tests.Support;

/// <summary>A CadenzaRealtime that sends nothing: it records each RPC (method and parameters) and answers with an empty result.</summary>
internal sealed class RecordingRealtime : CadenzaRealtime
{
    private CadenzaRpc? _rpc;

    public List<(string Method, object? Data)> Calls { get; } = [];

    public override CadenzaRpc Rpc => _rpc ??= new CadenzaRpc(this);

    /// <summary>The typed methods of <see cref="CadenzaRpc"/>: public, returning a Task of an Rpc*Result, taking an Rpc*Params.</summary>
    public static IReadOnlyList<MethodInfo> TypedMethods =>
    [
        .. typeof(CadenzaRpc).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsGenericMethodDefinition && m.GetParameters().FirstOrDefault()?.ParameterType.Name.StartsWith("Rpc", StringComparison.Ordinal) == true)
            .OrderBy(m => m.Name),
    ];

    /// <summary>Calls <paramref name="method"/> with fresh parameters; the RPC method it sent.</summary>
    public async Task<string> SentByAsync(MethodInfo method)
    {
        var parameters = Activator.CreateInstance(method.GetParameters()[0].ParameterType);
        await (Task)method.Invoke(Rpc, [parameters, CancellationToken.None])!;
        return Calls[^1].Method;
    }

    public override Task<TResult> RpcAsync<TResult>(string method, object? data = null, CancellationToken cancellationToken = default)
    {
        Calls.Add((method, data));
        return Task.FromResult((TResult)Activator.CreateInstance(typeof(TResult))!);
    }
}
