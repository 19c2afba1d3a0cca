using System;
using Microsoft.Extensions.Options;

namespace Cadenza.Client
{
    /// <summary>Checks every registered session's options when the host starts, with the rules the session itself applies.</summary>
    internal sealed class CadenzaSessionOptionsValidation : IValidateOptions<CadenzaSessionOptions>
    {
        public ValidateOptionsResult Validate(string? name, CadenzaSessionOptions options)
        {
            var session = string.IsNullOrEmpty(name) ? "The Cadenza session" : $"The Cadenza session '{name}'";
            if (options.Store is null || options.TimeProvider is null || options.LoggerFactory is null)
            {
                return ValidateOptionsResult.Fail($"{session}: Store, TimeProvider and LoggerFactory must not be set to null.");
            }

            try
            {
                options.ValidatedBaseAddress();
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException ex)
            {
                // The message without the " (Parameter '…')" that .NET appends: one line for the person reading the log.
                var suffix = $" (Parameter '{ex.ParamName}')";
                var message = ex.Message.EndsWith(suffix, StringComparison.Ordinal) ? ex.Message.Substring(0, ex.Message.Length - suffix.Length) : ex.Message;
                return ValidateOptionsResult.Fail($"{session}: {message}");
            }
        }
    }
}
