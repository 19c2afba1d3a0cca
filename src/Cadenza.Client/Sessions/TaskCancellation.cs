using System.Threading;
using System.Threading.Tasks;

namespace Cadenza.Client
{
    /// <summary>Lets one caller stop waiting for a shared task without cancelling it for the others.</summary>
    internal static class TaskCancellation
    {
        public static Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
        {
            if (!cancellationToken.CanBeCanceled || task.IsCompleted)
            {
                return task;
            }
#if NET6_0_OR_GREATER
            return task.WaitAsync(cancellationToken);
#else
            return WaitSlowAsync(task, cancellationToken);
#endif
        }

        public static Task WaitAsync(Task task, CancellationToken cancellationToken)
        {
            if (!cancellationToken.CanBeCanceled || task.IsCompleted)
            {
                return task;
            }
#if NET6_0_OR_GREATER
            return task.WaitAsync(cancellationToken);
#else
            return WaitSlowAsync(AsBool(task), cancellationToken);
#endif
        }

#if !NET6_0_OR_GREATER
        private static async Task<bool> AsBool(Task task)
        {
            await task.ConfigureAwait(false);
            return true;
        }

        private static async Task<T> WaitSlowAsync<T>(Task<T> task, CancellationToken cancellationToken)
        {
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            return await task.ConfigureAwait(false);
        }
#endif
    }
}
