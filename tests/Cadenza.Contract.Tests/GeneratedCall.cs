using System.Reflection;
using Cadenza.Client;
using Newtonsoft.Json;

namespace Cadenza.Contract.Tests;

/// <summary>
/// Calls an operation of the spec through the generated client NSwag made for it: the client named after the
/// operation's tag, the method named after its operationId, with the least valid arguments. Finding no such method
/// fails the test: an operation the SDK does not expose cannot go unnoticed.
/// </summary>
internal static class GeneratedCall
{
    public static MethodInfo Find(SpecOperation operation)
    {
        var clientType = typeof(AuthenticationClient).Assembly.GetType("Cadenza.Client." + operation.Tag + "Client")
            ?? throw new AssertionException($"{operation}: no generated client Cadenza.Client.{operation.Tag}Client for tag '{operation.Tag}'.");
        var name = char.ToUpperInvariant(operation.OperationId[0]) + operation.OperationId[1..] + "Async";
        return clientType.GetMethods(BindingFlags.Public | BindingFlags.Instance).SingleOrDefault(m => m.Name == name)
            ?? throw new AssertionException($"{operation}: {clientType.Name} has no method {name}.");
    }

    /// <summary>Calls the operation on a client built on <paramref name="http"/>; returns the response object.</summary>
    public static async Task<object> InvokeAsync(SpecOperation operation, HttpClient http)
    {
        var method = Find(operation);
        var client = Activator.CreateInstance(method.DeclaringType!, http)!;
        var arguments = method.GetParameters().Select(p => Argument(operation, p)).ToArray();
        var task = (Task)method.Invoke(client, arguments)!;
        await task;
        return task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task)!;
    }

    private static object? Argument(SpecOperation operation, ParameterInfo parameter)
    {
        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return CancellationToken.None;
        }

        var specParameter = operation.Parameters.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
        if (specParameter != null)
        {
            return specParameter.IsRequired
                ? ExampleValues.ForParameter(specParameter.ActualSchema, parameter.ParameterType)
                : parameter.DefaultValue;
        }

        if (operation.RequestBody is { } body)
        {
            // Through JSON, so the body is exactly what the spec's example value says, in the generated type.
            return JsonConvert.DeserializeObject(ExampleValues.For(body).ToString(), parameter.ParameterType);
        }

        throw new AssertionException($"{operation}: parameter '{parameter.Name}' of {parameter.Member.Name} is not in the spec.");
    }
}
