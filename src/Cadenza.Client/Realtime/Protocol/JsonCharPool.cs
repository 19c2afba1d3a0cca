using System.Buffers;
using Newtonsoft.Json;

namespace Cadenza.Client.Realtime.Protocol
{
    /// <summary>Lends the JSON reader its character buffers from the shared pool instead of allocating one per line.</summary>
    internal sealed class JsonCharPool : IArrayPool<char>
    {
        public static readonly JsonCharPool Instance = new JsonCharPool();

        public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

        public void Return(char[]? array)
        {
            if (array != null)
            {
                ArrayPool<char>.Shared.Return(array);
            }
        }
    }
}
