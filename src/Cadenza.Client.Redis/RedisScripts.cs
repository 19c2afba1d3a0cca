namespace Cadenza.Client.Redis
{
    /// <summary>
    /// The Lua scripts behind the store's conditional operations: Redis runs each one atomically, so nothing can
    /// change the key between the comparison and the write.
    /// </summary>
    internal static class RedisScripts
    {
        /// <summary>KEYS[1] session hash; ARGV: expected version ("" for nothing stored), new version, new session JSON. Returns 1 when written.</summary>
        public const string ReplaceIfVersion = @"
if (redis.call('HGET', KEYS[1], 'version') or '') ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'session', ARGV[3])
return 1";

        /// <summary>KEYS[1] session hash; ARGV[1] expected version. Returns 1 when deleted.</summary>
        public const string DeleteIfVersion = @"
if redis.call('HGET', KEYS[1], 'version') ~= ARGV[1] then
  return 0
end
return redis.call('DEL', KEYS[1])";

        /// <summary>KEYS[1] lease key; ARGV[1] the holder's token, ARGV[2] the new time to live in ms. A holder whose lease lapsed never extends the next holder's.</summary>
        public const string ExtendIfHolder = @"
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0";

        /// <summary>KEYS[1] lease key; ARGV[1] the holder's token. A holder whose lease lapsed never deletes the next holder's.</summary>
        public const string ReleaseIfHolder = @"
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0";
    }
}
