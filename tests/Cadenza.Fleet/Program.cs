using Cadenza.Fleet;

// cadenza-fleet [run] [--store file|redis] [--workers N] [--seconds T] [--token-lifetime S] [--reuse-interval S]
//               [--lease-time S] [--refresh-margin S] [--pause-ms N] [--kill-lease-holder] [--json] [--check]
// cadenza-fleet worker …   (started by run, one per worker process)
try
{
    return args is ["worker", .. var rest] ? await Worker.RunAsync(rest)
        : args is ["run", .. var options] ? await Coordinator.RunAsync(options)
        : await Coordinator.RunAsync(args);
}
catch (UsageException ex)
{
    Console.Error.WriteLine($"cadenza-fleet: {ex.Message}");
    return 2;
}
