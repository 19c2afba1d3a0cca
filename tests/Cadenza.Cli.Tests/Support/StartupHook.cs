// Not a test: when this test assembly is named in DOTNET_STARTUP_HOOKS of a child `cadenza` process, the runtime
// calls Initialize before Main; at exit the hook writes the names of every assembly the process loaded to the file
// named by CADENZA_TEST_LOADED_ASSEMBLIES. The .NET runtime requires this exact type name, in no namespace.
internal static class StartupHook
{
    public static void Initialize()
    {
        var file = System.Environment.GetEnvironmentVariable("CADENZA_TEST_LOADED_ASSEMBLIES");
        if (string.IsNullOrEmpty(file))
        {
            return;
        }

        System.AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            var names = new System.Collections.Generic.List<string>();
            foreach (var assembly in System.AppDomain.CurrentDomain.GetAssemblies())
            {
                names.Add(assembly.GetName().Name ?? "?");
            }

            System.IO.File.WriteAllLines(file, names);
        };
    }
}
