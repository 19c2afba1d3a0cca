using System.CommandLine;

namespace Cadenza.Cli
{
    /// <summary>Options that several commands share, so they read and validate the same everywhere.</summary>
    internal static class CommonOptions
    {
        public static Option<string> Email(string description, bool required)
        {
            var option = new Option<string>("--email")
            {
                Description = description,
                HelpName = "address",
                Required = required,
            };
            option.Validators.Add(result =>
            {
                if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
                {
                    result.AddError("--email cannot be empty.");
                }
            });
            return option;
        }

        public static Option<bool> PasswordStdin(string description) => new Option<bool>("--password-stdin")
        {
            Description = description,
        };
    }
}
